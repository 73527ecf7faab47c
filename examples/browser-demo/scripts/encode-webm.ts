import { InternalError, UsageError, type ImageFrame } from '@vidseg/core';
import sharp from 'sharp';
import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { vp8KeyFrame } from './vp8-key-frame.js';

/**
 * Encodes frames (equal size, RGB) as a WebM video that browsers play, without ffmpeg: each frame
 * becomes a lossy WebP (libwebp through sharp), whose VP8 key frame goes into a VP8 track
 * (webm-muxer, with cues). Every frame is a key frame, so seeking to any frame is exact and cheap.
 * The duration is frames / fps, as players expect (the last frame lasts 1 / fps too).
 */
export async function encodeWebm(frames: readonly ImageFrame[], fps: number, quality: number): Promise<Uint8Array> {
  const first = frames[0];
  if (!first) throw new UsageError('encodeWebm: no frames to encode');
  const target = new ArrayBufferTarget();
  const muxer = new Muxer({ target, video: { codec: 'V_VP8', width: first.width, height: first.height, frameRate: fps } });
  for (const [i, frame] of frames.entries()) {
    if (frame.width !== first.width || frame.height !== first.height) {
      throw new UsageError(`encodeWebm: frame ${i} is ${frame.width}x${frame.height}; expected ${first.width}x${first.height} like frame 0`);
    }
    const webp = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: frame.channels } })
      .removeAlpha()
      .webp({ quality, smartSubsample: true, effort: 6 })
      .toBuffer();
    muxer.addVideoChunkRaw(vp8KeyFrame(new Uint8Array(webp.buffer, webp.byteOffset, webp.length), `frame ${i}`), 'key', Math.round((i * 1e6) / fps));
  }
  muxer.finalize();
  const webm = new Uint8Array(target.buffer);
  setSegmentDuration(webm, (frames.length * 1000) / fps);
  return webm;
}

/** EBML id of the segment's Duration and its size byte for an 8-byte float. */
const DURATION_FLOAT64 = [0x44, 0x89, 0x88];

/**
 * Sets the Duration of the segment (milliseconds at webm-muxer's 1 ms timecode scale) in place:
 * webm-muxer writes the last frame's start time, one frame short.
 */
function setSegmentDuration(webm: Uint8Array, milliseconds: number): void {
  const at = webm.findIndex((_, i) => DURATION_FLOAT64.every((byte, k) => webm[i + k] === byte));
  if (at < 0) throw new InternalError('encodeWebm: webm-muxer wrote no 8-byte segment Duration to set');
  new DataView(webm.buffer, webm.byteOffset + at + DURATION_FLOAT64.length, 8).setFloat64(0, milliseconds);
}
