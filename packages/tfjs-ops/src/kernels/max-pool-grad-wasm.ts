import * as tf from '@tensorflow/tfjs-core';
import { convInfo, type ConvAttributes } from '../conv/conv-info.js';
import { maxPoolGradient } from '../pool/max-pool-gradient.js';
import { tensorKernel } from './tensor-kernel.js';

/**
 * MaxPoolGrad for wasm, replacing the shipped one, which routes the gradient of a window whose
 * values are all negative to its first tap instead of its maximum (measured with tfjs-backend-wasm
 * 4.22.0): `maxPoolGradient`, the cpu reference kernel's rule.
 */
export const maxPoolGradWasm = tensorKernel(tf.MaxPoolGrad, 'wasm', (inputs, attrs) => {
  const dy = inputs['dy'] as tf.Tensor4D;
  const x = inputs['input'] as tf.Tensor4D;
  const y = inputs['output'] as tf.Tensor4D;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  const [kh, kw] = typeof filterSize === 'number' ? [filterSize, filterSize] : filterSize;
  const taps = kh * kw;
  const info = convInfo(x.shape, [kh, kw, x.shape[3], taps], { strides, pad, dimRoundingMode } as ConvAttributes, true, tf.MaxPoolGrad);
  return maxPoolGradient(dy, x, y, info);
});
