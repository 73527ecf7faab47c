import * as tf from '@tensorflow/tfjs-core';
import { tensorKernel } from './tensor-kernel.js';
import { kernelAttrs } from './kernel-attrs.js';

/**
 * UnsortedSegmentSum for wasm, which ships none (it is the gradient of gather): a ScatterNd, which
 * adds the updates of repeated indices. Ids outside [0, numSegments) are dropped, as in
 * TensorFlow, by routing them to one extra segment that is cut off afterwards.
 */
export const unsortedSegmentSumWasm = tensorKernel(tf.UnsortedSegmentSum, 'wasm', (inputs, attrs) => {
  const x = inputs['x']!;
  const segmentIds = inputs['segmentIds']!;
  const { numSegments } = kernelAttrs<tf.UnsortedSegmentSumAttrs>(attrs);
  const ids = tf.reshape(segmentIds, [segmentIds.size]);
  const inRange = tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, numSegments));
  const routed = tf.where(inRange, ids, tf.fill([segmentIds.size], numSegments, 'int32'));
  const rowShape = x.shape.slice(segmentIds.rank);
  const updates = tf.reshape(x, [segmentIds.size, ...rowShape]);
  const summed = tf.scatterND(tf.expandDims(routed, 1), updates, [numSegments + 1, ...rowShape]);
  return tf.slice(summed, 0, numSegments);
});
