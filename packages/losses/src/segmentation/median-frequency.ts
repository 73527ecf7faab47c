import { DataError, type LabelMap } from '@vidseg/core';

/** Class weights by median-frequency balancing, with the counts they came from. */
export interface MedianFrequencyWeights {
  /** One weight per class; 0 for classes that never occur (see {@link absentClasses}). */
  readonly weights: number[];
  /** Pixels of each class over all label maps. */
  readonly pixelCounts: number[];
  /** Ids of the classes that never occur; their weight is 0, since the formula has no value for them. */
  readonly absentClasses: number[];
}

/**
 * Median-frequency class balancing (Eigen and Fergus, 2015; SegNet's CamVid weights):
 *
 *   freq(c) = pixels of class c / labelled pixels of the maps in which c occurs
 *   weight(c) = median over occurring classes of freq / freq(c)
 *
 * "Labelled pixels" excludes `ignoreLabel`. A value that is neither a class id nor the ignore
 * label is a {@link DataError} naming the map (by its position in the sequence).
 *
 * @param labelMaps - the label maps of a split, e.g. every labelled frame of the training set.
 * @param classes - number of classes K (ids 0..K-1).
 */
export async function medianFrequencyWeights(
  labelMaps: Iterable<LabelMap> | AsyncIterable<LabelMap>,
  classes: number,
  ignoreLabel: number,
): Promise<MedianFrequencyWeights> {
  const pixelCounts = new Array<number>(classes).fill(0);
  const presentPixels = new Array<number>(classes).fill(0);
  let position = 0;
  for await (const map of labelMaps) {
    const counts = countClasses(map, classes, ignoreLabel, position);
    const labelled = counts.reduce((sum, count) => sum + count, 0);
    counts.forEach((count, c) => {
      if (count === 0) return;
      pixelCounts[c]! += count;
      presentPixels[c]! += labelled;
    });
    position++;
  }
  const frequencies = pixelCounts.map((count, c) => (count > 0 ? count / presentPixels[c]! : 0));
  const occurring = frequencies.filter((f) => f > 0);
  if (occurring.length === 0) throw new DataError(`median-frequency weights: no labelled pixel in ${position} label map(s)`);
  const median = medianOf(occurring);
  return {
    weights: frequencies.map((f) => (f > 0 ? median / f : 0)),
    pixelCounts,
    absentClasses: frequencies.flatMap((f, c) => (f > 0 ? [] : [c])),
  };
}

function countClasses(map: LabelMap, classes: number, ignoreLabel: number, position: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < map.data.length; i++) {
    const value = map.data[i]!;
    if (value === ignoreLabel) continue;
    if (value >= classes) {
      throw new DataError(
        `median-frequency weights: label map #${position} has value ${value} at pixel ${i}, outside the ${classes} classes and the ignore label ${ignoreLabel}`,
      );
    }
    counts[value]!++;
  }
  return counts;
}

/** Median of a non-empty list (mean of the two middle values for an even length). */
function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
