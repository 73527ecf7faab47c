import type { ClipDataset, SkippedInput } from '@vidseg/core';
import { textTable } from './text-table.js';

/** What `vidseg eval` reports and writes as JSON. */
export interface EvaluationRecord {
  readonly model: string;
  readonly dataset: string;
  readonly frames: number;
  readonly runtime: string;
  readonly flow: string | null;
  readonly medianMsPerFrame: number;
  /** Video frames between consecutive labelled frames of the split (TC and VC pair those), when the dataset says. */
  readonly labelSpacing: readonly number[] | null;
  readonly values: Readonly<Record<string, number>>;
  /** Per-class values of each metric that has them (IoU per class for `miou` and `tc`). */
  readonly perClass: Readonly<Record<string, Readonly<Record<string, number>> | null>>;
  /** Inputs left out (`onBadInput: skip`), with the reason. */
  readonly skipped: readonly SkippedInput[];
  /** On frames without labels: TC of the model's own consecutive predictions along the flow (also in `values`). */
  readonly labelFreeTc?: number;
  /** On frames without labels: share of pixels whose class is unchanged between consecutive frames (also in `values`). */
  readonly unchangedShare?: number;
}

/** Values that count things (TC's pairs, VC_n's windows) rather than being fractions. */
export function isCountValue(key: string): boolean {
  return key === 'pairs' || key.endsWith('Windows');
}

/** The distinct frame steps of the dataset's labelled sequences, or null when it does not group them. */
export function labelSpacingOf(dataset: ClipDataset): number[] | null {
  if (typeof dataset.sequences !== 'function') return null;
  return [...new Set(dataset.sequences().filter((s) => s.positions.length > 1).map((s) => s.frameStep))].sort((a, b) => a - b);
}

const percent = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '-' : `${(v * 100).toFixed(2)} %`);

/**
 * The summary `vidseg eval` prints: the headline values (fractions as percentages, counts as
 * counts), a per-class table of the metrics that have one, and a note on how far apart the frames
 * TC and VC compare are (CamVid test is labelled at 1 Hz, val at 15 Hz: their TCs differ for that).
 */
export function describeEvaluation(record: EvaluationRecord): string {
  const entries = Object.entries(record.values);
  const lines = [
    `${record.model} on ${record.dataset} (${record.frames} frames, ${record.runtime}, ${record.medianMsPerFrame.toFixed(1)} ms/frame median${record.flow ? `, TC flow: ${record.flow}` : ''})`,
    ...entries.filter(([k]) => !isCountValue(k)).map(([k, v]) => `  ${k.padEnd(14)} ${percent(v)}`),
    ...entries.filter(([k]) => isCountValue(k)).map(([k, v]) => `  ${k.padEnd(14)} ${v}`),
  ];
  const tables = Object.entries(record.perClass).filter((entry): entry is [string, Readonly<Record<string, number>>] => entry[1] !== null);
  if (tables.length > 0) {
    const classes = Object.keys(tables[0]![1]);
    lines.push('', textTable(['class', ...tables.map(([metric]) => `${metric} IoU`)], classes.map((name) => [name, ...tables.map(([, values]) => percent(values[name]))])));
  }
  if (record.labelFreeTc !== undefined) {
    lines.push(
      '',
      `Label-free consistency (no labels read): labelFreeTc is the mean IoU between the prediction of each frame and the prediction of the frame before, warped to it along the flow (${record.flow ?? 'none'}); ` +
        'unchangedShare is the share of pixels whose predicted class stays the same between consecutive frames (no flow, so camera motion lowers it for any model). Neither is VC, which compares predictions with labels.',
    );
  }
  const spacing = record.labelSpacing;
  if (spacing && spacing.length > 0 && ('tc' in record.values || entries.some(([k]) => /^vc\d+$/.test(k)))) {
    lines.push(
      '',
      `TC and VC compare consecutive labelled frames, here ${spacing.join(' or ')} video frame${spacing.length === 1 && spacing[0] === 1 ? '' : 's'} apart: ` +
        'the further apart, the more the scene changes, so compare TC only between splits with the same spacing (CamVid val: 2 frames, 15 Hz; test: 30 frames, 1 Hz).',
    );
  }
  return lines.join('\n');
}
