import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { conv2dGradient } from './gradients/conv2d-gradient.js';
import { depthwiseConv2dGradient } from './gradients/depthwise-conv2d-gradient.js';
import { gatherNdGradient } from './gradients/gather-nd-gradient.js';
import { preluGradient } from './gradients/prelu-gradient.js';
import { relu6Gradient } from './gradients/relu6-gradient.js';
import { resizeBilinearGradient } from './gradients/resize-bilinear-gradient.js';
import { conv2dBackpropFilterWasm } from './kernels/conv2d-backprop-filter-wasm.js';
import { conv2dBackpropInputWasm } from './kernels/conv2d-backprop-input-wasm.js';
import { registerTrainingKernels } from './register-training-kernels.js';

describe('registerTrainingKernels', () => {
  it('registers once, replacing the wasm kernels and the conv gradients', async () => {
    const shippedMaxPoolGrad = tf.getKernel(tf.MaxPoolGrad, 'wasm');
    expect(shippedMaxPoolGrad).toBeDefined();
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeUndefined();
    const first = registerTrainingKernels();
    expect(registerTrainingKernels()).toBe(first);
    await first;
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBe(conv2dBackpropFilterWasm);
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).toBe(conv2dBackpropInputWasm);
    expect(tf.getGradient(tf.Conv2D)).toBe(conv2dGradient);
    expect(tf.getGradient(tf.DepthwiseConv2dNative)).toBe(depthwiseConv2dGradient);
    expect(tf.getGradient(tf.ResizeBilinear)).toBe(resizeBilinearGradient);
    expect(tf.getGradient(tf.GatherNd)).toBe(gatherNdGradient);
    expect(tf.getGradient(tf.Prelu)).toBe(preluGradient);
    expect(tf.getGradient(tf.Relu6)).toBe(relu6Gradient);
    // The MaxPoolGrad replacement wraps the shipped kernel (and keeps its setup).
    const maxPoolGrad = tf.getKernel(tf.MaxPoolGrad, 'wasm');
    expect(maxPoolGrad).not.toBe(shippedMaxPoolGrad);
    expect(maxPoolGrad.setupFunc).toBe(shippedMaxPoolGrad.setupFunc);
    // tfjs-core's other gradients came with it.
    expect(tf.getGradient(tf.Relu)).toBeDefined();
  });
});
