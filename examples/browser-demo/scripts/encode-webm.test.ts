import { describe, expect, it } from 'vitest';
import { encodeWebm } from './encode-webm.js';

const frame = (value: number) => ({ width: 32, height: 16, channels: 3 as const, data: new Uint8Array(32 * 16 * 3).fill(value) });

/** Offsets of a byte sequence in `bytes`. */
function find(bytes: Uint8Array, pattern: readonly number[]): number[] {
  const found: number[] = [];
  for (let i = 0; i + pattern.length <= bytes.length; i++) if (pattern.every((b, k) => bytes[i + k] === b)) found.push(i);
  return found;
}

describe('encodeWebm', () => {
  it('writes a WebM with one VP8 key frame per input frame, and cues for seeking', async () => {
    const webm = await encodeWebm([frame(10), frame(120), frame(240)], 10, 80);
    expect(Array.from(webm.subarray(0, 4))).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML header
    expect(find(webm, [...'webm'].map((c) => c.charCodeAt(0)))).not.toEqual([]);
    expect(find(webm, [...'V_VP8'].map((c) => c.charCodeAt(0)))).not.toEqual([]);
    expect(find(webm, [0x9d, 0x01, 0x2a])).toHaveLength(3); // VP8 key-frame start codes
    expect(find(webm, [0x1c, 0x53, 0xbb, 0x6b]).length).toBeGreaterThan(0); // Cues element
    // Segment Duration (8-byte float, ms): 3 frames at 10 frames/s last 300 ms.
    const [duration] = find(webm, [0x44, 0x89, 0x88]);
    expect(new DataView(webm.buffer, webm.byteOffset + duration! + 3, 8).getFloat64(0)).toBe(300);
  });

  it('refuses no frames and frames of different sizes', async () => {
    await expect(encodeWebm([], 10, 80)).rejects.toThrow(/no frames/);
    await expect(encodeWebm([frame(0), { ...frame(0), width: 16, data: new Uint8Array(16 * 16 * 3) }], 10, 80)).rejects.toThrow(/frame 1 is 16x16; expected 32x16/);
  });
});
