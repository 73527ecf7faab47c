import * as tf from '@tensorflow/tfjs-core';
import { linearResizeAdjoint } from '../resize/linear-resize-adjoint.js';
import type { CoordinateMode } from '@vidseg/core';
import { kernelAttrs } from '../kernels/kernel-attrs.js';

/**
 * The ResizeBilinear gradient, replacing tfjs's, whose ResizeBilinearGrad kernel ignores
 * halfPixelCenters on cpu and wasm (wrong by up to 1.8 for 5x5 -> 9x9) and returns a transposed
 * shape on cpu for non-square inputs: `linearResizeAdjoint`, exact for all three settings.
 */
export const resizeBilinearGradient: tf.GradConfig = {
  kernelName: tf.ResizeBilinear,
  inputsToSave: ['images'],
  gradFunc: (dy, saved, attrs) => {
    const [images] = saved as [tf.Tensor4D];
    const { alignCorners, halfPixelCenters } = kernelAttrs<tf.ResizeBilinearAttrs>(attrs);
    const mode: CoordinateMode = alignCorners ? 'align-corners' : halfPixelCenters ? 'half-pixel' : 'asymmetric';
    return { images: () => linearResizeAdjoint(dy as tf.Tensor4D, [images.shape[1], images.shape[2]], mode) };
  },
};
