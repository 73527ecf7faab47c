import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { FLIPPED_TRANSPOSED_FILTER } from '@vidseg/tfjs-ops/internal';
import { FlatProgram, int32 } from './flat-program.js';

/** out[i, j, o, c] = w[kh - 1 - i, kw - 1 - j, c, o] for the filter w, one thread per output value. */
class FlippedTransposedFilterProgram extends FlatProgram {
  readonly variableNames = ['w']; // 'filter' is a WGSL keyword
  readonly shaderKey = 'vidsegFlippedTransposedFilter';
  readonly uniforms = 'kh : i32, kw : i32, inChannels : i32, outChannels : i32,';

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let c = index % uniforms.inChannels;
          let o = (index / uniforms.inChannels) % uniforms.outChannels;
          let tap = index / (uniforms.inChannels * uniforms.outChannels);
          let source = uniforms.kh * uniforms.kw - 1 - tap;
          setOutputAtIndex(index, w[(source * uniforms.inChannels + c) * uniforms.outChannels + o]);
        }
      }`;
  }
}

/** {@link FLIPPED_TRANSPOSED_FILTER} on WebGPU: one dispatch (a Reverse and a Transpose in tfjs). */
export const flippedTransposedFilterWebgpu: tf.KernelConfig = {
  kernelName: FLIPPED_TRANSPOSED_FILTER,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const { filter } = inputs as { filter: tf.TensorInfo };
    const [kh, kw, inChannels, outChannels] = filter.shape as [number, number, number, number];
    const program = new FlippedTransposedFilterProgram([kh, kw, outChannels, inChannels]);
    return (backend as WebGPUBackend).runWebGPUProgram(program as never, [filter], 'float32', int32(kh, kw, inChannels, outChannels) as never);
  },
};
