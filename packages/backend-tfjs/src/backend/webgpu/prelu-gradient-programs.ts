import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { PRELU_GRADIENT } from '@vidseg/tfjs-ops/internal';
import { channelSums, type ChannelSumTerms } from './channel-programs.js';
import { ChannelMapProgram, int32 } from './flat-program.js';

/** PReLU's input gradient: dy where x > 0, else alpha[c] * dy (tfjs's, exactly). */
const INPUT_GRADIENT = 'select(alpha[c] * dy[index], dy[index], x[index] > 0.0)';

/** The slope's gradient per channel: dy * x where x <= 0 (min(x, 0) is x there and 0 elsewhere). */
const SLOPE_GRADIENT: ChannelSumTerms = {
  key: 'preluSlope',
  inputs: ['dy', 'x'],
  setup: '',
  row: 'let i = r * uniforms.channels + c;',
  sums: ['dy[i] * min(x[i], 0.0)'],
};

/**
 * {@link PRELU_GRADIENT} on WebGPU, for a per-channel alpha [C]: dx in one dispatch and dAlpha in one
 * or two (per-part channel sums, then the parts summed). Composed from tfjs ops it took about twelve
 * (a step, differences, products, a channel mean as a product with a row of ones).
 */
export const preluGradientWebgpu: tf.KernelConfig = {
  kernelName: PRELU_GRADIENT,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const gpu = backend as WebGPUBackend;
    const { dy, x, alpha } = inputs as Record<'dy' | 'x' | 'alpha', tf.TensorInfo>;
    const channels = x.shape[x.shape.length - 1]!;
    if (tf.util.sizeFromShape(alpha.shape) !== channels || !tf.util.arraysEqual(dy.shape, x.shape)) {
      throw new Error(`${PRELU_GRADIENT}: needs dy of x's shape [${x.shape.join(', ')}] and one alpha per channel, got dy [${dy.shape.join(', ')}] and alpha [${alpha.shape.join(', ')}]`);
    }
    const program = new ChannelMapProgram([...x.shape], 'vidsegPreluInputGradient', ['dy', 'x', 'alpha'], INPUT_GRADIENT);
    const dx = gpu.runWebGPUProgram(program as never, [dy, x, alpha], 'float32', int32(channels) as never);
    const rows = tf.util.sizeFromShape(x.shape) / channels;
    const dAlpha = channelSums(gpu, SLOPE_GRADIENT, [dy, x], { rows, channels }, [channels]);
    return [dx, dAlpha];
  },
};
