import * as tf from '@tensorflow/tfjs-core';
import { conv2dGradient } from './gradients/conv2d-gradient.js';
import { depthwiseConv2dGradient } from './gradients/depthwise-conv2d-gradient.js';
import { gatherNdGradient } from './gradients/gather-nd-gradient.js';
import { preluGradient } from './gradients/prelu-gradient.js';
import { relu6Gradient } from './gradients/relu6-gradient.js';
import { resizeBilinearGradient } from './gradients/resize-bilinear-gradient.js';
import { preluGradientWasm, relu6GradientWasm } from './kernels/activation-gradients-wasm.js';
import { affineCenteredWasm, shiftedChannelSumsWasm } from './kernels/channel-kernels-wasm.js';
import { conv2dBackpropFilterWasm } from './kernels/conv2d-backprop-filter-wasm.js';
import { conv2dBackpropInputWasm } from './kernels/conv2d-backprop-input-wasm.js';
import { depthwiseConv2dBackpropFilterWasm } from './kernels/depthwise-conv2d-backprop-filter-wasm.js';
import { depthwiseConv2dBackpropInputWasm } from './kernels/depthwise-conv2d-backprop-input-wasm.js';
import { expWasm } from './kernels/exp-wasm.js';
import { identityWasm } from './kernels/identity-wasm.js';
import { maxPoolGradWasm } from './kernels/max-pool-grad-wasm.js';
import { sliceWasm, splitVWasm } from './kernels/slice-wasm.js';
import { unsortedSegmentSumWasm } from './kernels/unsorted-segment-sum-wasm.js';
import { registerTfjsGradients } from './register-gradients.js';

/** The kernels this package adds to (or replaces in) tfjs backends, given the registered ones. */
function trainingKernels(): tf.KernelConfig[] {
  const shippedMaxPoolGrad = tf.getKernel(tf.MaxPoolGrad, 'wasm');
  const shippedSlice = tf.getKernel(tf.Slice, 'wasm');
  const shippedSplitV = tf.getKernel(tf.SplitV, 'wasm');
  const shippedIdentity = tf.getKernel(tf.Identity, 'wasm');
  const shippedExp = tf.getKernel(tf.Exp, 'wasm');
  return [
    conv2dBackpropFilterWasm,
    conv2dBackpropInputWasm,
    depthwiseConv2dBackpropFilterWasm,
    depthwiseConv2dBackpropInputWasm,
    unsortedSegmentSumWasm,
    shiftedChannelSumsWasm,
    affineCenteredWasm,
    preluGradientWasm,
    relu6GradientWasm,
    ...(shippedMaxPoolGrad ? [maxPoolGradWasm(shippedMaxPoolGrad)] : []),
    ...(shippedSlice ? [sliceWasm(shippedSlice)] : []),
    ...(shippedSplitV ? [splitVWasm(shippedSplitV)] : []),
    ...(shippedIdentity ? [identityWasm(shippedIdentity)] : []),
    ...(shippedExp ? [expWasm(shippedExp)] : []),
  ];
}

/** The gradients this package adds or replaces (tfjs's are missing, refuse dilation or are wrong). */
const GRADIENTS: readonly tf.GradConfig[] = [conv2dGradient, depthwiseConv2dGradient, resizeBilinearGradient, gatherNdGradient, preluGradient, relu6Gradient];

let registration: Promise<void> | undefined;

/**
 * Makes training work on the wasm and cpu backends, once per process (later calls return the same
 * promise): registers tfjs-core's gradients (`registerTfjsGradients`), then the wasm kernels that
 * tfjs lacks, runs slowly or gets wrong, then the gradients it lacks or gets wrong (dilated
 * convolutions, half-pixel resizing, GatherNd) or runs slowly (PReLU, Relu6). Import the wasm backend
 * before calling it: importing it later re-registers its own kernels over these.
 */
export function registerTrainingKernels(): Promise<void> {
  registration ??= registerTfjsGradients().then(() => {
    for (const kernel of trainingKernels()) {
      if (tf.getKernel(kernel.kernelName, kernel.backendName)) tf.unregisterKernel(kernel.kernelName, kernel.backendName);
      tf.registerKernel(kernel);
    }
    for (const gradient of GRADIENTS) tf.registerGradient(gradient);
  });
  return registration;
}
