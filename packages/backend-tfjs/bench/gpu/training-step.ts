// One training step of a student as the GPU benchmarks time it: train-mode forward, softmax
// cross-entropy on random labels at full resolution, gradients of every trainable parameter, SGD
// with momentum 0.9 and weight decay 1e-4 (as the trainer does, less its read of the loss).
import * as tf from '@tensorflow/tfjs-core';
import { initializeParameters, type SegmentationModel } from '@vidseg/models';
import { TfjsNetwork } from '../../src/network/tfjs-network.js';
import { SgdOptimizer } from '../../src/train/sgd-optimizer.js';

/** Softmax cross-entropy against fixed labels, as in training. */
export function crossEntropy(logits: tf.Tensor4D, labels: tf.Tensor3D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, logits.shape[3]), tf.logSoftmax(logits)), 3))) as tf.Scalar;
}

/** A student with random weights, a random batch and an optimizer, ready to step. */
export interface TrainingStep {
  readonly network: TfjsNetwork;
  readonly input: tf.Tensor4D;
  readonly labels: tf.Tensor3D;
  /** Enqueues one step; returns the loss, not yet read. */
  run(): tf.Scalar;
  dispose(): void;
}

/** The benchmark step of `model` on a [batch, height, width, 3] input (seeded: the same values on every backend). */
export function trainingStep(model: SegmentationModel, batch: number, height: number, width: number): TrainingStep {
  const network = new TfjsNetwork(model, initializeParameters(model.graph, 1), { seed: 1 });
  const input = tf.randomNormal([batch, height, width, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
  const labels = tf.randomUniform([batch, height, width], 0, model.classes.length, 'int32', 4) as tf.Tensor3D;
  const optimizer = new SgdOptimizer({ momentum: 0.9, weightDecay: 1e-4 });
  const parameters = [...network.parameters.values()];
  return {
    network,
    input,
    labels,
    run: () => {
      const { value, grads } = tf.variableGrads(() => crossEntropy(network.forward(input, 'train').logits as tf.Tensor4D, labels), parameters);
      optimizer.apply(network.parameters, new Map([...network.parameters].map(([n, v]) => [n, grads[v.name]!])), 0.01, new Map());
      tf.dispose(Object.values(grads));
      return value;
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([input, labels]);
      network.dispose();
    },
  };
}
