import type { ProgressReporter, SkippedInput } from '@vidseg/core';

/**
 * Reports, at the end of a run, every frame left out because it could not be read
 * (`onBadInput: skip`): one warning with the count, then one line per frame naming its file.
 */
export function reportSkippedInputs(progress: ProgressReporter, what: string, skipped: readonly SkippedInput[] | undefined): void {
  if (!skipped || skipped.length === 0) return;
  progress.warn(`${skipped.length} ${what} frame${skipped.length === 1 ? ' was' : 's were'} left out (onBadInput: skip):\n${skipped.map((s) => `  - ${s.reason}`).join('\n')}`);
}
