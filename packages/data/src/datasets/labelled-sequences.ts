import type { LabelledSequence } from '@vidseg/core';

/**
 * Groups labelled frames (in dataset order) into sequences for evaluation: per sequence name, in
 * index order, split wherever the step between consecutive labelled frames changes, so every
 * group has one constant `frameStep`. A sequence split into several groups names them
 * `<sequence>@<first index>`.
 */
export function labelledSequences(frames: readonly { readonly sequence: string; readonly index: number }[]): LabelledSequence[] {
  const bySequence = new Map<string, number[]>();
  frames.forEach((frame, position) => {
    const list = bySequence.get(frame.sequence) ?? [];
    list.push(position);
    bySequence.set(frame.sequence, list);
  });
  const out: LabelledSequence[] = [];
  for (const [name, positions] of bySequence) {
    positions.sort((a, b) => frames[a]!.index - frames[b]!.index);
    const runs: { positions: number[]; frameStep: number }[] = [];
    for (const position of positions) {
      const run = runs.at(-1);
      const last = run?.positions.at(-1);
      const step = last === undefined ? 0 : frames[position]!.index - frames[last]!.index;
      if (run && (run.positions.length === 1 || step === run.frameStep)) {
        run.frameStep = step;
        run.positions.push(position);
      } else {
        runs.push({ positions: [position], frameStep: 1 });
      }
    }
    for (const run of runs) {
      const label = runs.length === 1 ? name : `${name}@${frames[run.positions[0]!]!.index}`;
      out.push({ name: label, positions: run.positions, frameStep: run.frameStep });
    }
  }
  return out;
}
