import * as tf from '@tensorflow/tfjs-core';
import type { ClipSample, ImageFrame, NetworkOutputs, Teacher } from '@vidseg/core';
import { randomValues } from './nhwc.js';

/**
 * A teacher for tests: logits are the frame's pixels scaled to [-1, 1] (3 "classes"), features the
 * same values times 2; counts the frames it was asked for.
 */
export class FakeTeacher implements Teacher<tf.Tensor> {
  readonly name = 'fake';
  readonly classes = ['a', 'b', 'c'];
  framesPredicted = 0;
  batches = 0;

  async predict(frames: readonly ImageFrame[], options?: { features?: boolean }): Promise<NetworkOutputs<tf.Tensor>> {
    this.framesPredicted += frames.length;
    this.batches++;
    const { width, height } = frames[0]!;
    const values = frames.flatMap((frame) => Array.from(frame.data.subarray(0, width * height * 3), (v) => v / 127.5 - 1));
    const logits = tf.tensor4d(values, [frames.length, height, width, 3]);
    return options?.features ? { logits, features: tf.mul(logits, 2) } : { logits };
  }

  dispose(): void {}
}

/** A random RGB frame. */
export function randomFrame(width: number, height: number, seed: number): ImageFrame {
  const data = Uint8Array.from(randomValues(width * height * 3, seed), (v) => Math.floor((v + 1) * 127.5));
  return { width, height, channels: 3, data };
}

/** `count` clips of `length` random frames each, as a fresh pass every call. */
export function randomClips(count: number, length: number, size: number): () => AsyncIterable<ClipSample> {
  return async function* () {
    for (let c = 0; c < count; c++) {
      yield {
        target: Math.floor(length / 2),
        frames: Array.from({ length }, (_, f) => ({ id: `c${c}f${f}`, image: randomFrame(size, size, 1000 * c + f + 1) })),
      };
    }
  };
}
