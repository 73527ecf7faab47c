import { DataError } from '@vidseg/core';

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

/**
 * The VP8 key frame inside a lossy WebP file: the payload of its `VP8 ` chunk. A lossy WebP is a
 * RIFF container around exactly the bitstream a WebM VP8 track stores for a key frame. Files with
 * alpha or lossless coding (`ALPH`, `VP8L` chunks) are a {@link DataError} naming `what`.
 */
export function vp8KeyFrame(webp: Uint8Array, what: string): Uint8Array {
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  if (webp.length < 20 || ascii(webp, 0) !== 'RIFF' || ascii(webp, 8) !== 'WEBP') throw new DataError(`${what}: not a WebP file`);
  for (let at = 12; at + 8 <= webp.length; ) {
    const tag = ascii(webp, at);
    const size = view.getUint32(at + 4, true);
    if (tag === 'VP8 ') return webp.subarray(at + 8, at + 8 + size);
    if (tag === 'VP8L' || tag === 'ALPH') throw new DataError(`${what}: WebP chunk "${tag}" (lossless or alpha) cannot go into a VP8 video; encode opaque lossy WebP`);
    at += 8 + size + (size % 2);
  }
  throw new DataError(`${what}: WebP file without a "VP8 " chunk`);
}
