import { DataError } from '../errors/vidseg-error.js';
import { elementCount, type HostTensor, type NamedTensors } from './host-tensor.js';
import { halfToFloat, isReadableDType, SAFETENSORS_ITEM_SIZE, type ReadableDType } from './safetensors-dtypes.js';

/** The largest header vidseg accepts (the format's reference implementation uses the same limit). */
const MAX_HEADER_BYTES = 100_000_000;

/** A safetensors file parsed into host tensors and its metadata. */
export interface SafetensorsContent {
  readonly tensors: NamedTensors;
  readonly metadata: Readonly<Record<string, string>>;
}

interface HeaderEntry {
  readonly name: string;
  readonly dtype: ReadableDType;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

/**
 * Parses a safetensors file. The header (length, JSON, dtypes, shapes, offsets, overlaps) is fully
 * validated before any tensor memory is allocated, so a malformed or truncated file gives a
 * {@link DataError} naming `source` and the problem, never an out-of-memory or a wrong tensor.
 * F16 tensors are returned as F32.
 *
 * @param bytes - the whole file.
 * @param source - the file name, used in error messages.
 */
export function readSafetensors(bytes: Uint8Array, source = 'safetensors data'): SafetensorsContent {
  const fail = (problem: string): never => {
    throw new DataError(`${source}: not a valid safetensors file: ${problem}`);
  };
  if (bytes.length < 8) fail(`${bytes.length} bytes is shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES)) fail(`header length ${headerLength} exceeds ${MAX_HEADER_BYTES} bytes`);
  if (headerLength > BigInt(bytes.length - 8)) {
    fail(`header length ${headerLength} runs past the end of the file (${bytes.length} bytes): truncated?`);
  }
  const headerEnd = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, headerEnd)));
  } catch (error) {
    fail(`header is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header is not a JSON object');
  const dataLength = bytes.length - headerEnd;
  const { entries, metadata } = parseHeader(header as Record<string, unknown>, dataLength, fail);

  const tensors: NamedTensors = new Map();
  for (const entry of entries) {
    tensors.set(entry.name, decodeTensor(entry, bytes.subarray(headerEnd + entry.begin, headerEnd + entry.end)));
  }
  return { tensors, metadata };
}

function parseHeader(
  header: Record<string, unknown>,
  dataLength: number,
  fail: (problem: string) => never,
): { entries: HeaderEntry[]; metadata: Record<string, string> } {
  const entries: HeaderEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = parseMetadata(value, fail);
      continue;
    }
    if (typeof value !== 'object' || value === null) fail(`entry "${name}" is not an object`);
    const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
    if (typeof dtype !== 'string') fail(`tensor "${name}" has no dtype`);
    if (!isReadableDType(dtype as string)) {
      fail(`tensor "${name}" has dtype ${String(dtype)}; supported: ${Object.keys(SAFETENSORS_ITEM_SIZE).join(', ')}`);
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(`tensor "${name}" has shape ${JSON.stringify(shape)}; expected a list of non-negative integers`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
      offsets[0] > offsets[1]
    ) {
      fail(`tensor "${name}" has data_offsets ${JSON.stringify(offsets)}; expected [begin, end] with begin <= end`);
    }
    const [begin, end] = offsets as [number, number];
    if (end > dataLength) fail(`tensor "${name}" ends at byte ${end} of a ${dataLength}-byte data section: truncated?`);
    const typedDType = dtype as ReadableDType;
    const expected = elementCount(shape as number[]) * SAFETENSORS_ITEM_SIZE[typedDType];
    if (end - begin !== expected) {
      fail(`tensor "${name}" (${typedDType} [${(shape as number[]).join(', ')}]) needs ${expected} bytes, its offsets span ${end - begin}`);
    }
    entries.push({ name, dtype: typedDType, shape: shape as number[], begin, end });
  }
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < byOffset.length; i++) {
    if (byOffset[i]!.begin < byOffset[i - 1]!.end) {
      fail(`tensors "${byOffset[i - 1]!.name}" and "${byOffset[i]!.name}" overlap`);
    }
  }
  return { entries, metadata };
}

function parseMetadata(value: unknown, fail: (problem: string) => never): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('__metadata__ is not an object');
  const metadata: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'string') fail(`__metadata__.${key} is not a string`);
    metadata[key] = entry as string;
  }
  return metadata;
}

function decodeTensor(entry: HeaderEntry, raw: Uint8Array): HostTensor {
  // Copy into a fresh, aligned buffer: offsets inside the file need not be aligned. (A Node
  // Buffer's slice() is a view, not a copy, hence the constructor.)
  const copy = new Uint8Array(raw).buffer;
  switch (entry.dtype) {
    case 'F32':
      // Every platform vidseg runs on is little-endian, as the format is, so bytes map directly.
      return { dtype: 'F32', shape: entry.shape, data: new Float32Array(copy) };
    case 'F16': {
      const view = new DataView(copy);
      const data = new Float32Array(raw.length / 2);
      for (let i = 0; i < data.length; i++) data[i] = halfToFloat(view.getUint16(2 * i, true));
      return { dtype: 'F32', shape: entry.shape, data };
    }
    case 'I32':
      return { dtype: 'I32', shape: entry.shape, data: new Int32Array(copy) };
    case 'I64':
      return { dtype: 'I64', shape: entry.shape, data: new BigInt64Array(copy) };
    case 'U8':
      return { dtype: 'U8', shape: entry.shape, data: new Uint8Array(copy) };
  }
}
