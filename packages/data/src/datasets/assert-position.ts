import { UsageError, type ClipDataset } from '@vidseg/core';

/** Throws when `position` is not an index of a labelled frame of `dataset`. */
export function assertPosition(dataset: Pick<ClipDataset, 'name' | 'split' | 'size'>, position: number): void {
  if (!Number.isInteger(position) || position < 0 || position >= dataset.size) {
    throw new UsageError(`${dataset.name} ${dataset.split}: position ${position} is out of range (the split has ${dataset.size} labelled frames, 0..${dataset.size - 1})`);
  }
}
