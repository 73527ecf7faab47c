import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { RELU6_GRADIENT } from '@vidseg/tfjs-ops/internal';
import { FlatProgram } from './flat-program.js';

/** Kernel (WebGPU only): ReLU's gradient, dy where x > 0, else 0; inputs dy and x of one shape. */
export const RELU_GRADIENT = 'VidsegReluGradient';

/** dy where x > 0 (and, for ReLU6, x <= 6), else 0: tfjs's masks, in one pass. */
class ReluGradientProgram extends FlatProgram {
  readonly variableNames = ['dy', 'x'];
  readonly shaderKey: string;

  constructor(
    shape: number[],
    private readonly upper?: number,
  ) {
    super(shape);
    this.shaderKey = `vidsegReluGradient_${upper ?? 'none'}`;
  }

  getUserCode(): string {
    const inside = this.upper === undefined ? 'v > 0.0' : `v > 0.0 && v <= ${this.upper.toFixed(1)}`;
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let v = x[index];
          setOutputAtIndex(index, select(0.0, dy[index], ${inside}));
        }
      }`;
  }
}

/** The gradient kernel of a ReLU clipped at `upper` (none: plain ReLU). */
function reluGradientKernel(kernelName: string, upper?: number): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend }) => {
      const { dy, x } = inputs as Record<'dy' | 'x', tf.TensorInfo>;
      if (!tf.util.arraysEqual(dy.shape, x.shape)) throw new Error(`${kernelName}: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] differ in shape`);
      return (backend as WebGPUBackend).runWebGPUProgram(new ReluGradientProgram([...x.shape], upper) as never, [dy, x], 'float32');
    },
  };
}

/** {@link RELU_GRADIENT} on WebGPU: one dispatch (tfjs's gradient takes two: a step and a product). */
export const reluGradientWebgpu = reluGradientKernel(RELU_GRADIENT);

/** {@link RELU6_GRADIENT} on WebGPU: one dispatch (composed from tfjs ops it took five). */
export const relu6GradientWebgpu = reluGradientKernel(RELU6_GRADIENT, 6);
