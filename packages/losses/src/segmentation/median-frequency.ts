import { DataError, type ClipDataset, type LabelMap, type PluginEntry } from '@vidseg/core';

/** The `classWeights` value of a `cross-entropy` entry that asks for median-frequency weights. */
export const MEDIAN_FREQUENCY = 'median-frequency';

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

/** Loss entries with every `classWeights: 'median-frequency'` replaced by the computed weights. */
export interface ResolvedClassWeights<E extends PluginEntry = PluginEntry> {
  readonly losses: E[];
  /** The weights and counts, when an entry asked for them (computed once for all such entries). */
  readonly computed?: MedianFrequencyWeights;
}

/**
 * Replaces `classWeights: 'median-frequency'` in the `cross-entropy` entries of a config's `losses`
 * by {@link medianFrequencyWeights} over every labelled frame of `dataset` (its ignore label
 * excluded), so that the loss, and the run's saved config, get plain numbers. Entries that do not
 * ask are returned unchanged, and the label maps are read only when one asks.
 */
export async function resolveMedianFrequencyWeights<E extends PluginEntry>(
  losses: readonly E[],
  dataset: Pick<ClipDataset, 'name' | 'split' | 'size' | 'frame' | 'classes' | 'ignoreLabel'>,
): Promise<ResolvedClassWeights<E>> {
  const asks = (entry: E): boolean => typeof entry === 'object' && entry.type === 'cross-entropy' && entry['classWeights'] === MEDIAN_FREQUENCY;
  if (!losses.some(asks)) return { losses: [...losses] };
  const computed = await medianFrequencyWeights(labelMapsOf(dataset), dataset.classes.length, dataset.ignoreLabel);
  return { losses: losses.map((entry) => (asks(entry) ? ({ ...(entry as object), classWeights: computed.weights } as unknown as E) : entry)), computed };
}

async function* labelMapsOf(dataset: Pick<ClipDataset, 'name' | 'split' | 'size' | 'frame'>): AsyncGenerator<LabelMap> {
  for (let position = 0; position < dataset.size; position++) {
    const frame = await dataset.frame(position);
    if (!frame.label) throw new DataError(`median-frequency weights: frame ${frame.id} of ${dataset.name}/${dataset.split} has no label map`);
    yield frame.label;
  }
}
