import type { Nhwc } from '../nhwc.js';
import { logSoftmaxRow } from './softmax.js';

/** Settings of the reference, mirroring the reference code's `OhemCrossEntropy2d` and PyTorch CE. */
export interface ReferenceCrossEntropySettings {
  readonly ignoreLabel: number;
  readonly classWeights?: readonly number[];
  readonly ohem?: { readonly threshold: number; readonly minKept: number };
}

/**
 * Float64 cross-entropy written as the reference does it: OHEM by sorting the true-class
 * probabilities (numpy's argsort in `OhemCrossEntropy2d`), then PyTorch's weighted mean
 * `CrossEntropyLoss(weight, ignore_index)`.
 */
export function referenceCrossEntropy(logits: Nhwc, labels: readonly number[], settings: ReferenceCrossEntropySettings): number {
  const [n, h, w, classes] = logits.shape;
  const logProbabilities: number[][] = [];
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        logProbabilities.push(logSoftmaxRow(Array.from({ length: classes }, (_, c) => logits.at(b, y, x, c))));
      }
    }
  }
  const isValid = (label: number) => label !== settings.ignoreLabel && label >= 0 && label < classes;
  let kept = labels.map((label) => isValid(label));
  if (settings.ohem) {
    const validIndices = kept.flatMap((k, i) => (k ? [i] : []));
    const { threshold: base, minKept } = settings.ohem;
    if (minKept < validIndices.length && validIndices.length > 0) {
      const probability = (i: number) => Math.exp(logProbabilities[i]![labels[i]!]!);
      let threshold = base;
      if (minKept > 0) {
        const sorted = [...validIndices].sort((a, b) => probability(a) - probability(b));
        const candidate = probability(sorted[Math.min(sorted.length, minKept) - 1]!);
        if (candidate > base) threshold = candidate;
      }
      kept = kept.map((k, i) => k && probability(i) <= threshold);
    }
  }
  let numerator = 0;
  let denominator = 0;
  labels.forEach((label, i) => {
    if (!kept[i]) return;
    const weight = settings.classWeights?.[label] ?? 1;
    numerator -= weight * logProbabilities[i]![label]!;
    denominator += weight;
  });
  return denominator > 0 ? numerator / denominator : 0;
}
