import * as tf from '@tensorflow/tfjs-core';

/**
 * A GatherNd gradient, which tfjs does not define: the output gradient scattered back to the
 * gathered positions (ScatterNd adds what lands on the same position). The indices get none.
 */
export const gatherNdGradient: tf.GradConfig = {
  kernelName: tf.GatherNd,
  inputsToSave: ['params', 'indices'],
  gradFunc: (dy, saved) => {
    const [params, indices] = saved as [tf.Tensor, tf.Tensor];
    return { params: () => tf.scatterND(indices, dy as tf.Tensor, params.shape), indices: () => tf.zeros(indices.shape) };
  },
};
