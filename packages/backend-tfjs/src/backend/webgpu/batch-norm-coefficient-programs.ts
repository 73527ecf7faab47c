import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BATCH_NORM_BACKWARD_COEFFICIENTS, BATCH_NORM_FORWARD_COEFFICIENTS } from '@vidseg/tfjs-ops/internal';
import { FlatProgram, type Uniform } from './flat-program.js';

/**
 * One thread per element of a [6, C] output: `row` and channel `c` are given to `body`, which sets
 * `value` from the inputs (each [rows, C] or [C], read as `name[r * C + c]`).
 */
class CoefficientsProgram extends FlatProgram {
  readonly variableNames: string[];
  readonly shaderKey: string;
  readonly uniforms = 'channels : i32, count : f32, eps : f32,';

  constructor(
    name: string,
    inputs: string[],
    channels: number,
    private readonly body: string,
  ) {
    super([6, channels]);
    this.variableNames = inputs;
    this.shaderKey = name;
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let n = uniforms.channels;
          let row = index / n;
          let c = index % n;
          var value = 0.0;
          ${this.body}
          setOutputAtIndex(index, value);
        }
      }`;
  }
}

// The forward rows: 0, gamma * invStd, mean, beta, variance, invStd (see BATCH_NORM_FORWARD_COEFFICIENTS).
const FORWARD = `
          let s1 = sums[n + c] / uniforms.count;
          let s0 = sums[c] / uniforms.count;
          let variance = max(s1 - s0 * s0, 0.0);
          let invStd = inverseSqrt(variance + uniforms.eps);
          switch (row) {
            case 1: { value = gamma[c] * invStd; }
            case 2: { value = mean[c]; }
            case 3: { value = beta[c]; }
            case 4: { value = variance; }
            case 5: { value = invStd; }
            default: {}
          }`;

// The gradient rows: factor, -factor * invStd * dGamma / count, mean, -factor * dBeta / count, dGamma, dBeta.
const BACKWARD = `
          let factor = forward[n + c];
          let invStd = forward[5 * n + c];
          let dBeta = sums[c];
          let dGamma = sums[n + c] * invStd;
          switch (row) {
            case 0: { value = factor; }
            case 1: { value = factor * (invStd * (dGamma / -uniforms.count)); }
            case 2: { value = forward[2 * n + c]; }
            case 3: { value = factor * (dBeta / -uniforms.count); }
            case 4: { value = dGamma; }
            default: { value = dBeta; }
          }`;

/** The uniforms of {@link CoefficientsProgram}. */
const uniforms = (channels: number, count: number, eps = 0): Uniform[] => [
  { type: 'int32', data: [channels] },
  { type: 'float32', data: [count] },
  { type: 'float32', data: [eps] },
];

/** {@link BATCH_NORM_FORWARD_COEFFICIENTS} on WebGPU: one dispatch (tfjs ops took about twelve, with three scalar uploads). */
export const batchNormForwardCoefficientsWebgpu: tf.KernelConfig = {
  kernelName: BATCH_NORM_FORWARD_COEFFICIENTS,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { sums, mean, gamma, beta } = inputs as Record<'sums' | 'mean' | 'gamma' | 'beta', tf.TensorInfo>;
    const { count, eps } = attrs as unknown as { count: number; eps: number };
    const channels = mean.shape[0]!;
    const program = new CoefficientsProgram('vidsegBatchNormForwardCoefficients', ['sums', 'mean', 'gamma', 'beta'], channels, FORWARD);
    return (backend as WebGPUBackend).runWebGPUProgram(program as never, [sums, mean, gamma, beta], 'float32', uniforms(channels, count, eps) as never);
  },
};

/** {@link BATCH_NORM_BACKWARD_COEFFICIENTS} on WebGPU: one dispatch (tfjs ops took about eleven, with two scalar uploads). */
export const batchNormBackwardCoefficientsWebgpu: tf.KernelConfig = {
  kernelName: BATCH_NORM_BACKWARD_COEFFICIENTS,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { sums, forward } = inputs as Record<'sums' | 'forward', tf.TensorInfo>;
    const { count } = attrs as unknown as { count: number };
    const channels = forward.shape[1]!;
    const program = new CoefficientsProgram('vidsegBatchNormBackwardCoefficients', ['sums', 'forward'], channels, BACKWARD);
    return (backend as WebGPUBackend).runWebGPUProgram(program as never, [sums, forward], 'float32', uniforms(channels, count) as never);
  },
};
