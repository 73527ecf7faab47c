import * as tf from '@tensorflow/tfjs-core';

/**
 * Scales every gradient by min(1, `maxNorm` / global norm), the global norm being the L2 norm of all
 * gradients together (PyTorch's `clip_grad_norm_`), in place in `gradients`; returns the global
 * norm before clipping, read from the engine (one read per step).
 */
export async function clipGradientsByGlobalNorm(gradients: Map<string, tf.Tensor>, maxNorm: number): Promise<number> {
  const norm = tf.tidy(() => tf.sqrt(tf.addN([...gradients.values()].map((g) => tf.sum(tf.square(g))))));
  const factor = tf.tidy(() => tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6))));
  for (const [name, gradient] of gradients) {
    gradients.set(name, tf.mul(gradient, factor));
    gradient.dispose();
  }
  factor.dispose();
  const [value] = await norm.data();
  norm.dispose();
  return value!;
}
