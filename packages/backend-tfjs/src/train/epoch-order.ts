import type { SeededRandom } from '@vidseg/core';

/** Where the trainer is in its pass over the training targets (saved in checkpoints). */
export interface EpochOrderState {
  readonly epoch: number;
  readonly cursor: number;
  readonly order: readonly number[];
}

/**
 * Visits the sampler's target positions in a fresh seeded shuffle each epoch (Fisher-Yates with
 * the trainer's random stream), so a resumed run visits exactly what an uninterrupted one would.
 */
export class EpochOrder {
  private epoch = 0;
  private cursor = 0;
  private order: number[] = [];

  constructor(private readonly size: number) {}

  /** The next target position. */
  next(random: SeededRandom): number {
    if (this.cursor >= this.order.length) {
      this.order = Array.from({ length: this.size }, (_, i) => i);
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = random.int(i + 1);
        [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
      }
      this.epoch++;
      this.cursor = 0;
    }
    return this.order[this.cursor++]!;
  }

  getState(): EpochOrderState {
    return { epoch: this.epoch, cursor: this.cursor, order: [...this.order] };
  }

  setState(state: EpochOrderState): void {
    this.epoch = state.epoch;
    this.cursor = state.cursor;
    this.order = [...state.order];
  }
}
