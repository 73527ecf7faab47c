import { readFileSync } from 'node:fs';
import { requireShared } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../errors/vidseg-error.js';
import { float32Tensor, type NamedTensors } from './host-tensor.js';
import { readSafetensors } from './read-safetensors.js';
import { writeSafetensors } from './write-safetensors.js';

/** A file with a hand-written header and `dataBytes` bytes of data. */
function fileWithHeader(header: unknown, dataBytes = 0, headerLengthOverride?: bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, headerLengthOverride ?? BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

describe('safetensors', () => {
  it('round-trips every writable dtype and the metadata', () => {
    const tensors: NamedTensors = new Map([
      ['w', { dtype: 'F32', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-8, -7]) }],
      ['i', { dtype: 'I32', shape: [3], data: Int32Array.from([-1, 0, 2147483647]) }],
      ['step', { dtype: 'I64', shape: [], data: BigInt64Array.from([123456789012n]) }],
      ['mask', { dtype: 'U8', shape: [1, 2], data: Uint8Array.from([0, 255]) }],
      ['empty', { dtype: 'F32', shape: [0, 4], data: new Float32Array(0) }],
    ]);
    const bytes = writeSafetensors(tensors, { format: 'pt', note: 'ok' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const back = readSafetensors(bytes);
    expect(back.metadata).toEqual({ format: 'pt', note: 'ok' });
    expect([...back.tensors.keys()]).toEqual(['w', 'i', 'step', 'mask', 'empty']);
    for (const [name, tensor] of tensors) {
      expect(back.tensors.get(name)).toEqual(tensor);
    }
  });

  it('refuses to write or build a tensor whose data does not fit its shape, naming it (UsageError)', () => {
    const bad: NamedTensors = new Map([['encoder.w', { dtype: 'F32', shape: [2, 3], data: new Float32Array(5) }]]);
    expect(() => writeSafetensors(bad)).toThrow(UsageError);
    expect(() => writeSafetensors(bad)).toThrow('writeSafetensors: tensor "encoder.w": shape [2, 3] needs 6 elements, its data has 5');
    expect(() => float32Tensor([2, 2], new Float32Array(3))).toThrow(UsageError);
    expect(() => float32Tensor([2, 2], new Float32Array(3))).toThrow('float32Tensor: shape [2, 2] needs 4 elements, the data has 3');
  });

  it('reads F16 as F32', () => {
    const header = { h: { dtype: 'F16', shape: [5], data_offsets: [0, 10] } };
    const bytes = fileWithHeader(header, 10);
    const data = new DataView(bytes.buffer, bytes.length - 10);
    [0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001].forEach((bits, i) => data.setUint16(2 * i, bits, true));
    const tensor = readSafetensors(bytes).tensors.get('h')!;
    expect(tensor.dtype).toBe('F32');
    expect(Array.from(tensor.data as Float32Array)).toEqual([1, -2, 0.5, 65504, 2 ** -24].map((v) => Math.fround(v)));
  });

  const valid = writeSafetensors(new Map([['a', { dtype: 'F32', shape: [2], data: Float32Array.from([1, 2]) }]]));
  const malformed: [string, Uint8Array, RegExp][] = [
    ['a file shorter than 8 bytes', new Uint8Array(5), /shorter than the 8-byte header length/],
    ['a header length past the end', fileWithHeader({}, 0, 1000n), /runs past the end of the file.*truncated/],
    ['a huge header length', fileWithHeader({}, 0, 2n ** 60n), /exceeds 100000000 bytes/],
    ['a header that is not JSON', fileWithHeader('{"a": [1, 2'), /not valid UTF-8 JSON/],
    ['a header that is a list', fileWithHeader([1, 2]), /not a JSON object/],
    ['an unsupported dtype', fileWithHeader({ a: { dtype: 'BF16', shape: [1], data_offsets: [0, 2] } }, 2), /dtype BF16; supported/],
    ['a negative dimension', fileWithHeader({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4), /shape \[-1\]/],
    ['offsets that disagree with the shape', fileWithHeader({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8), /needs 12 bytes, its offsets span 8/],
    ['reversed offsets', fileWithHeader({ a: { dtype: 'U8', shape: [0], data_offsets: [4, 0] } }, 4), /begin <= end/],
    ['a truncated data section', valid.slice(0, valid.length - 3), /ends at byte 8 of a 5-byte data section: truncated/],
    [
      'overlapping tensors',
      fileWithHeader({ a: { dtype: 'U8', shape: [4], data_offsets: [0, 4] }, b: { dtype: 'U8', shape: [2], data_offsets: [2, 4] } }, 4),
      /"a" and "b" overlap/,
    ],
    ['non-string metadata', fileWithHeader({ __metadata__: { n: 1 } }), /__metadata__.n is not a string/],
  ];
  it.each(malformed)('rejects %s with a DataError naming the file', (_, bytes, message) => {
    let error: unknown;
    try {
      readSafetensors(bytes, 'weights.safetensors');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/^weights\.safetensors: not a valid safetensors file: /);
    expect((error as Error).message).toMatch(message);
  });
});

const espnet = requireShared('models', 'espnet-camvid.safetensors');
describe.skipIf(!espnet.path)(`safetensors on the shared ESPNet weights ${espnet.skipReason}`, () => {
  it('reads all 189 tensors and 358,193 floats of espnet-camvid.safetensors', () => {
    const { tensors, metadata } = readSafetensors(readFileSync(espnet.path!), espnet.path);
    expect(tensors.size).toBe(189);
    let floats = 0;
    for (const tensor of tensors.values()) floats += tensor.data.length;
    expect(floats).toBe(358_193);
    expect(tensors.get('conv.conv.weight')!.shape).toEqual([12, 31, 3, 3]);
    expect(Object.keys(metadata).length).toBeGreaterThan(0);
  });
});
