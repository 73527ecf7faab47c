import type { ClipDataset, ClipFrame, ExactNeighbour, RandomSource, SequenceFrame } from '@vidseg/core';

/**
 * A dataset whose frames and exact neighbours are computed once and kept: the synthetic dataset
 * renders frames and exact flows on demand (tens of milliseconds each), and the demo's two
 * training runs draw the same ones, so they are rendered once between them. Everything drawn stays
 * in memory (`make-assets` peaks at about 4 GB): for small datasets only.
 */
export class MemoizedDataset implements ClipDataset {
  readonly name: string;
  readonly split: string;
  readonly classes: readonly string[];
  readonly ignoreLabel: number;
  readonly size: number;
  private readonly frames = new Map<number, Promise<SequenceFrame>>();
  private readonly neighbours = new Map<string, Promise<ExactNeighbour | undefined>>();

  constructor(private readonly inner: ClipDataset & Required<Pick<ClipDataset, 'exactNeighbour'>>) {
    this.name = inner.name;
    this.split = inner.split;
    this.classes = inner.classes;
    this.ignoreLabel = inner.ignoreLabel;
    this.size = inner.size;
  }

  frame(position: number): Promise<SequenceFrame> {
    let frame = this.frames.get(position);
    if (!frame) this.frames.set(position, (frame = this.inner.frame(position)));
    return frame;
  }

  neighbour(position: number, offset: number): Promise<ClipFrame | undefined> {
    return this.inner.neighbour(position, offset);
  }

  /** The neighbour at `offset` with its exact flows; the inner dataset's choice must not depend on `random` (the synthetic one's does not). */
  exactNeighbour(position: number, offset: number, random: RandomSource): Promise<ExactNeighbour | undefined> {
    const key = `${position}:${offset}`;
    let neighbour = this.neighbours.get(key);
    if (!neighbour) this.neighbours.set(key, (neighbour = this.inner.exactNeighbour(position, offset, random)));
    return neighbour;
  }
}
