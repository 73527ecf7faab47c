import { UsageError, type ImageFrame } from '@vidseg/core';
import sharp from 'sharp';
import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { vp8KeyFrame } from './vp8-key-frame.js';

/**
 * Encodes frames (equal size, RGB) as a WebM video that browsers play, without ffmpeg: each frame
 * becomes a lossy WebP (libwebp through sharp), whose VP8 key frame goes into a VP8 track
 * (webm-muxer, with cues). Every frame is a key frame, so seeking to any frame is exact and cheap.
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
  return new Uint8Array(target.buffer);
}
