import { DataError, UsageError } from '../errors/vidseg-error.js';
import type { LabelMap } from '../types/image-frame.js';
import { assertSameSize } from '../types/image-frame.js';
import { isIgnoredLabel, type LabelSpace } from './label-space.js';

/**
 * A streaming confusion matrix over `numClasses` classes: rows are the reference (ground truth),
 * columns the prediction. Reference pixels equal to `ignoreLabel` (or to `voidClass`, a model's
 * trained "no class" output) never count. A predicted value outside 0..numClasses-1 (e.g. that void
 * output) counts as wrong for the reference class and as a false positive for no class.
 */
export class ConfusionMatrix {
  readonly numClasses: number;
  readonly ignoreLabel: number;
  /** A model's void/background output, ignored like `ignoreLabel` as a reference; undefined: none. */
  readonly voidClass: number | undefined;
  /** numClasses x numClasses counts, row-major (row = reference class). */
  readonly counts: Float64Array;
  /** Per reference class: pixels predicted as a value outside the class range. */
  readonly outOfRange: Float64Array;

  constructor(numClasses: number, ignoreLabel: number, voidClass?: number) {
    if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 256) {
      throw new UsageError(`ConfusionMatrix: numClasses must be an integer in 1..256 (label maps hold one byte per pixel), got ${numClasses}`);
    }
    if (voidClass !== undefined && voidClass < numClasses) {
      throw new UsageError(`ConfusionMatrix: the void class ${voidClass} is one of the classes 0..${numClasses - 1}`, {
        hint: "a model's void/background output must come after the dataset's classes (e.g. 19 for the 19 Cityscapes trainIds)",
      });
    }
    this.numClasses = numClasses;
    this.ignoreLabel = ignoreLabel;
    this.voidClass = voidClass;
    this.counts = new Float64Array(numClasses * numClasses);
    this.outOfRange = new Float64Array(numClasses);
  }

  /** Accumulates one reference/prediction pair of equal size. */
  update(reference: LabelMap, prediction: LabelMap): void {
    assertSameSize(reference, prediction, 'confusion matrix update (reference vs prediction)');
    const ref = reference.data;
    const pred = prediction.data;
    for (let i = 0; i < ref.length; i++) this.add(ref[i]!, pred[i]!);
  }

  /**
   * Counts one pixel. Throws a {@link DataError} on a reference value that is neither a class nor
   * the ignore label: that is bad data, not something to average over.
   */
  add(reference: number, prediction: number): void {
    if (isIgnoredLabel(this, reference)) return;
    const k = this.numClasses;
    if (reference >= k) {
      throw new DataError(`reference label ${reference} is outside the classes 0..${k - 1} and is not the ignore label ${this.ignoreLabel}`, {
        hint: `a reference label map (the ground truth; P_t for temporal consistency) must hold class ids 0..${k - 1}, or ${this.ignoreLabel} for pixels to ignore`,
      });
    }
    if (prediction < k) this.counts[reference * k + prediction]! += 1;
    else this.outOfRange[reference]! += 1;
  }

  /** Adds another matrix of the same class count into this one. */
  merge(other: ConfusionMatrix): void {
    if (other.numClasses !== this.numClasses) {
      throw new UsageError(`ConfusionMatrix.merge: cannot merge a ${other.numClasses}-class matrix into a ${this.numClasses}-class one`);
    }
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
    for (let i = 0; i < this.outOfRange.length; i++) this.outOfRange[i]! += other.outOfRange[i]!;
  }

  /** Number of counted (non-ignored) pixels. */
  total(): number {
    let sum = 0;
    for (const v of this.counts) sum += v;
    for (const v of this.outOfRange) sum += v;
    return sum;
  }

  /** IoU per class: TP / (TP + FP + FN); NaN for a class absent from both reference and prediction. */
  iou(): Float64Array {
    const k = this.numClasses;
    const result = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let rowSum = this.outOfRange[c]!;
      let columnSum = 0;
      for (let j = 0; j < k; j++) {
        rowSum += this.counts[c * k + j]!;
        columnSum += this.counts[j * k + c]!;
      }
      const truePositives = this.counts[c * k + c]!;
      const union = rowSum + columnSum - truePositives;
      result[c] = union > 0 ? truePositives / union : Number.NaN;
    }
    return result;
  }

  /** Mean IoU over the classes that occur (union > 0); NaN when no pixel was counted. */
  meanIoU(): number {
    let sum = 0;
    let present = 0;
    for (const value of this.iou()) {
      if (!Number.isNaN(value)) {
        sum += value;
        present++;
      }
    }
    return present > 0 ? sum / present : Number.NaN;
  }

  /** Share of counted pixels predicted correctly; NaN when no pixel was counted. */
  pixelAccuracy(): number {
    const total = this.total();
    if (total === 0) return Number.NaN;
    let correct = 0;
    for (let c = 0; c < this.numClasses; c++) correct += this.counts[c * this.numClasses + c]!;
    return correct / total;
  }

  /** A matrix over the classes of `space`, ignoring its ignore label and void class. */
  static of(space: LabelSpace): ConfusionMatrix {
    return new ConfusionMatrix(space.classes.length, space.ignoreLabel, space.voidClass);
  }

  reset(): void {
    this.counts.fill(0);
    this.outOfRange.fill(0);
  }
}
