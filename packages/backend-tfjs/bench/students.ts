// The zoo's students as the wasm benchmarks build them, and the loss they train with.
import * as tf from '@tensorflow/tfjs-core';
import { buildEspnet, buildMobileNetV2, buildPspnet, type SegmentationModel } from '@vidseg/models';

/** Benchmark name -> builder (CamVid classes; MobileNetV2 and PSPNet-ResNet18 at their defaults). */
export const STUDENTS: Readonly<Record<string, () => SegmentationModel>> = {
  espnet: () => buildEspnet({ variant: 'camvid' }),
  mobilenetv2: () => buildMobileNetV2({ classes: 'camvid' }),
  pspnet: () => buildPspnet({ backbone: 'resnet18', classes: 'camvid' }),
};

/** Softmax cross-entropy against fixed labels, as in training. */
export function crossEntropy(logits: tf.Tensor4D, labels: tf.Tensor3D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, logits.shape[3]), tf.logSoftmax(logits)), 3))) as tf.Scalar;
}
