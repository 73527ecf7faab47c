import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { LINEAR_COMBINATION } from '../../ops/linear-combination.js';
import { FlatProgram } from './flat-program.js';

/** sum of c<i> * t<i>[index] over `terms` inputs of one shape, the coefficients as uniforms. */
class LinearCombinationProgram extends FlatProgram {
  readonly variableNames: string[];
  readonly shaderKey: string;
  readonly uniforms: string;

  constructor(shape: number[], terms: number) {
    super(shape);
    this.variableNames = Array.from({ length: terms }, (_, i) => `t${i}`);
    this.shaderKey = `vidsegLinearCombination_${terms}`;
    this.uniforms = this.variableNames.map((_, i) => `c${i} : f32,`).join(' ');
  }

  getUserCode(): string {
    const sum = this.variableNames.map((name, i) => `uniforms.c${i} * ${name}[index]`).join(' + ');
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          setOutputAtIndex(index, ${sum});
        }
      }`;
  }
}

/**
 * {@link LINEAR_COMBINATION} on WebGPU: one dispatch (SGD's update was six per parameter, a running
 * average's three, each with its scalars).
 */
export const linearCombinationWebgpu: tf.KernelConfig = {
  kernelName: LINEAR_COMBINATION,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { coefficients } = attrs as unknown as { coefficients: number[] };
    const terms = coefficients.map((_, i) => inputs[`t${i}`]!);
    const uniforms = coefficients.map((c) => ({ type: 'float32', data: [c] }));
    return (backend as WebGPUBackend).runWebGPUProgram(new LinearCombinationProgram([...terms[0]!.shape], terms.length) as never, terms, 'float32', uniforms as never);
  },
};
