import * as tf from '@tensorflow/tfjs-core';
import { DataError, type ImageFrame, type Preprocessing } from '@vidseg/core';

/**
 * A batch of 8-bit frames (RGB or RGBA, equal sizes) as the network's NHWC float32 input:
 * x = ((v - mean) / std) * scale per channel, in the model's channel order. Computed on the host
 * in one pass, so only the finished batch crosses to the engine.
 */
export function preprocessFrames(frames: readonly ImageFrame[], preprocessing: Preprocessing): tf.Tensor4D {
  if (frames.length === 0) throw new DataError('preprocessFrames: no frames');
  const { width, height } = frames[0]!;
  const pixels = width * height;
  const out = new Float32Array(frames.length * pixels * 3);
  const order = preprocessing.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const factor = order.map((_, c) => preprocessing.scale / preprocessing.std[c]!);
  const offset = order.map((_, c) => preprocessing.mean[c]!);
  frames.forEach((frame, n) => {
    if (frame.width !== width || frame.height !== height) {
      throw new DataError(`preprocessFrames: frame ${n} is ${frame.width}x${frame.height}, frame 0 is ${width}x${height}; a batch needs one size`);
    }
    const stride = frame.channels;
    const data = frame.data;
    let o = n * pixels * 3;
    for (let p = 0, i = 0; p < pixels; p++, i += stride) {
      out[o++] = (data[i + order[0]!]! - offset[0]!) * factor[0]!;
      out[o++] = (data[i + order[1]!]! - offset[1]!) * factor[1]!;
      out[o++] = (data[i + order[2]!]! - offset[2]!) * factor[2]!;
    }
  });
  return tf.tensor4d(out, [frames.length, height, width, 3]);
}
