import type { ClipSample, ClipSampler, RandomSource, SkippedInput } from '@vidseg/core';

/**
 * Several clip samplers as one: positions run through the parts in order (a clip never spans two
 * parts), so one seeded shuffle covers the targets of every part.
 */
export class JoinedClipSampler implements ClipSampler {
  readonly size: number;
  /** First position of each part. */
  private readonly starts: number[] = [];

  constructor(private readonly parts: readonly ClipSampler[]) {
    let size = 0;
    for (const part of parts) {
      this.starts.push(size);
      size += part.size;
    }
    this.size = size;
  }

  sample(position: number, random: RandomSource): Promise<ClipSample> {
    let index = this.parts.length - 1;
    while (index > 0 && this.starts[index]! > position) index--;
    return this.parts[index]!.sample(position - this.starts[index]!, random);
  }

  /** The parts' skipped targets, at their joined positions. */
  get skipped(): readonly SkippedInput[] {
    return this.parts.flatMap((part, i) => (part.skipped ?? []).map((skip) => ({ ...skip, position: skip.position + this.starts[i]! })));
  }
}
