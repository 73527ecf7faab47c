import { DataError, type ClipDataset, type ClipFrame, type ExactNeighbour, type LabelledSequence, type RandomSource, type SequenceFrame } from '@vidseg/core';
import { assertPosition } from './assert-position.js';

/**
 * Several datasets as one: positions run through the parts in order, and neighbours, exact
 * neighbours and sequences are each part's own (a clip never spans two parts). The parts that have
 * classes must share one label space; parts without (videos) join any.
 */
export class ConcatClipDataset implements ClipDataset {
  readonly classes: readonly string[];
  readonly ignoreLabel: number;
  readonly size: number;
  /** First position of each part. */
  private readonly starts: number[] = [];

  constructor(
    readonly name: string,
    readonly split: string,
    private readonly parts: readonly ClipDataset[],
  ) {
    if (parts.length === 0) throw new DataError(`${name} ${split}: no datasets to join`);
    const labelled = parts.filter((p) => p.classes.length > 0);
    const first = labelled[0] ?? parts[0]!;
    const other = labelled.find((p) => p.ignoreLabel !== first.ignoreLabel || p.classes.join('\u0000') !== first.classes.join('\u0000'));
    if (other) throw new DataError(`${name} ${split}: ${other.name} ${other.split} has other classes or another ignore label than ${first.name} ${first.split}`);
    this.classes = first.classes;
    this.ignoreLabel = first.ignoreLabel;
    let size = 0;
    for (const part of parts) {
      this.starts.push(size);
      size += part.size;
    }
    this.size = size;
  }

  frame(position: number): Promise<SequenceFrame> {
    const { part, local } = this.locate(position);
    return part.frame(local);
  }

  neighbour(position: number, offset: number): Promise<ClipFrame | undefined> {
    const { part, local } = this.locate(position);
    return part.neighbour(local, offset);
  }

  async exactNeighbour(position: number, offset: number, random: RandomSource): Promise<ExactNeighbour | undefined> {
    const { part, local } = this.locate(position);
    return part.exactNeighbour?.(local, offset, random);
  }

  sequences(): readonly LabelledSequence[] {
    return this.parts.flatMap((part, i) =>
      (part.sequences?.() ?? [{ name: `${part.name}-${i}`, positions: Array.from({ length: part.size }, (_, p) => p), frameStep: 1 }]).map((s) => ({
        ...s,
        positions: s.positions.map((p) => p + this.starts[i]!),
      })),
    );
  }

  private locate(position: number): { part: ClipDataset; local: number } {
    assertPosition(this, position);
    let i = this.starts.length - 1;
    while (this.starts[i]! > position) i--;
    return { part: this.parts[i]!, local: position - this.starts[i]! };
  }
}
