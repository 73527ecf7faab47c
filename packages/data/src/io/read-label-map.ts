import { DataError, type LabelMap, type Palette } from '@vidseg/core';
import sharp from 'sharp';
import { decodeFailure } from './decode-failure.js';

/** What a label map must look like. */
export interface LabelMapExpectation {
  /** Number of classes: valid values are 0..classCount-1 and `ignoreLabel`. */
  readonly classCount: number;
  readonly ignoreLabel: number;
  /** Required size (the size of the image the labels belong to). */
  readonly width?: number;
  readonly height?: number;
  /**
   * Maps raw values to class ids before validation (e.g. Cityscapes labelIds to trainIds): 256
   * entries, raw value -> id, negative for raw values that are not valid.
   */
  readonly lookup?: Int16Array;
  /** Names the raw values in messages, e.g. `Cityscapes labelIds (0..33)`. */
  readonly rawValues?: string;
  /** Decodes colour label images with this palette (colour -> class id) instead of grey values. */
  readonly palette?: Palette;
}

/**
 * Reads a label PNG of class ids (8-bit grey; an RGB file whose channels are equal is accepted; a
 * colour-coded file with `palette`). Validates the size and every value against `expected`: a
 * mismatch is a {@link DataError} naming the file, what was found and what was expected.
 */
export async function readLabelMap(path: string, expected: LabelMapExpectation): Promise<LabelMap> {
  let decoded: { data: Buffer; info: { width: number; height: number; channels: number } };
  let depth: string | undefined;
  try {
    const image = sharp(path);
    depth = (await image.metadata()).depth;
    decoded = await image.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decodeFailure(path, 'an 8-bit PNG of class ids', error);
  }
  // sharp would rescale 16-bit values on the way to 8 bits, silently changing class ids.
  if (depth !== undefined && depth !== 'uchar') throw new DataError(`label map ${path} has ${depth} samples; expected an 8-bit PNG of class ids`);
  const { width, height, channels } = decoded.info;
  if ((expected.width !== undefined && expected.width !== width) || (expected.height !== undefined && expected.height !== height)) {
    throw new DataError(`label map ${path} is ${width}x${height}; expected ${expected.width}x${expected.height} (the size of its image)`);
  }
  const ids = expected.palette ? idsFromColours(path, decoded.data, channels, expected.palette) : idsFromGrey(path, decoded.data, channels, width);
  if (expected.lookup) mapValues(path, ids, width, expected.lookup, expected.rawValues ?? 'a known raw value');
  validateValues(path, ids, width, expected);
  return { width, height, data: ids };
}

function idsFromGrey(path: string, data: Buffer, channels: number, width: number): Uint8Array {
  const ids = new Uint8Array(data.length / channels);
  for (let p = 0; p < ids.length; p++) {
    const r = data[p * channels]!;
    if (data[p * channels + 1] !== r || data[p * channels + 2] !== r) {
      throw new DataError(
        `label map ${path} is a colour image (pixel x=${p % width}, y=${Math.floor(p / width)} is ${[...data.subarray(p * channels, p * channels + 3)].join(',')}); expected 8-bit grey class ids`,
        { hint: 'convert it to grey ids, or give the palette its colours follow' },
      );
    }
    ids[p] = r;
  }
  return ids;
}

function idsFromColours(path: string, data: Buffer, channels: number, palette: Palette): Uint8Array {
  const byColour = new Map<number, number>();
  palette.colors.forEach((c, id) => byColour.set((c[0] << 16) | (c[1] << 8) | c[2], id));
  const ignore = palette.ignoreColor;
  byColour.set((ignore[0] << 16) | (ignore[1] << 8) | ignore[2], palette.ignoreLabel);
  const ids = new Uint8Array(data.length / channels);
  for (let p = 0; p < ids.length; p++) {
    const key = (data[p * channels]! << 16) | (data[p * channels + 1]! << 8) | data[p * channels + 2]!;
    const id = byColour.get(key);
    if (id === undefined) {
      throw new DataError(`label map ${path}: colour ${[key >> 16, (key >> 8) & 255, key & 255].join(',')} is not in the ${palette.name} palette; expected one of its ${palette.colors.length} class colours or the ignore colour`);
    }
    ids[p] = id;
  }
  return ids;
}

function mapValues(path: string, ids: Uint8Array, width: number, lookup: Int16Array, rawValues: string): void {
  let bad = 0;
  let first = -1;
  for (let p = 0; p < ids.length; p++) {
    const id = lookup[ids[p]!]!;
    if (id >= 0) {
      ids[p] = id;
      continue;
    }
    if (first < 0) first = p;
    bad++;
  }
  if (bad === 0) return;
  throw new DataError(`label map ${path}: ${bad} pixels have unknown values (first: ${ids[first]} at x=${first % width}, y=${Math.floor(first / width)}); expected ${rawValues}`);
}

function validateValues(path: string, ids: Uint8Array, width: number, expected: LabelMapExpectation): void {
  let bad = 0;
  let first = -1;
  for (let p = 0; p < ids.length; p++) {
    const v = ids[p]!;
    if (v < expected.classCount || v === expected.ignoreLabel) continue;
    if (first < 0) first = p;
    bad++;
  }
  if (bad === 0) return;
  throw new DataError(
    `label map ${path}: ${bad} pixels have values outside the class set (first: ${ids[first]} at x=${first % width}, y=${Math.floor(first / width)}); expected 0..${expected.classCount - 1} or ${expected.ignoreLabel} (ignore)`,
  );
}
