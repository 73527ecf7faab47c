import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { vp8KeyFrame } from './vp8-key-frame.js';

const image = (channels: 3 | 4) => sharp(Buffer.alloc(24 * 16 * channels, 200), { raw: { width: 24, height: 16, channels } });

describe('vp8KeyFrame', () => {
  it('takes the VP8 key frame out of a lossy WebP: key-frame start code and the frame size', async () => {
    const frame = vp8KeyFrame(new Uint8Array(await image(3).webp({ quality: 80 }).toBuffer()), 'test.webp');
    // VP8 frame tag: bit 0 of byte 0 is 0 for key frames; then the start code 9d 01 2a, then 14-bit width and height.
    expect(frame[0]! & 1).toBe(0);
    expect(Array.from(frame.subarray(3, 6))).toEqual([0x9d, 0x01, 0x2a]);
    const view = new DataView(frame.buffer, frame.byteOffset);
    expect([view.getUint16(6, true) & 0x3fff, view.getUint16(8, true) & 0x3fff]).toEqual([24, 16]);
  });

  it('refuses lossless and alpha WebP and other files, naming them', async () => {
    const lossless = await image(3).webp({ lossless: true }).toBuffer();
    expect(() => vp8KeyFrame(new Uint8Array(lossless), 'lossless.webp')).toThrow(/lossless.webp: WebP chunk "VP8L"/);
    const alpha = await sharp(Buffer.alloc(24 * 16 * 4, 100), { raw: { width: 24, height: 16, channels: 4 } }).webp({ quality: 80 }).toBuffer();
    expect(() => vp8KeyFrame(new Uint8Array(alpha), 'alpha.webp')).toThrow(/alpha.webp: WebP chunk "(ALPH|VP8L)"/);
    const png = await image(3).png().toBuffer();
    expect(() => vp8KeyFrame(new Uint8Array(png), 'frame.png')).toThrow(/frame.png: not a WebP file/);
  });
});
