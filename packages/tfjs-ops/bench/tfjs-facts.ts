// Re-checks, on this machine, the tfjs 4.22 shortcomings this package works around, with the stock
// kernels and gradients first and with `registerTrainingKernels` after. Prints a table.
// Run: node bench/run.mjs tfjs-facts
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerTfjsGradients, registerTrainingKernels } from '../src/index.js';
import { printTable } from './timing.js';

const rows: string[][] = [];
const fact = (claim: string, stock: string, fixed: string) => rows.push([claim, stock, fixed]);
const attempt = (run: () => string): string => {
  try {
    return run();
  } catch (error) {
    return `throws "${(error as Error).message.split('\n')[0]!.slice(0, 90)}"`;
  }
};
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!).toExponential(1);
const onBackends = async (run: () => string) => {
  const out: string[] = [];
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    out.push(`${backend}: ${attempt(() => tf.tidy(run))}`);
  }
  return out.join('; ');
};

const missing = [tf.Conv2DBackpropFilter, tf.DepthwiseConv2dNativeBackpropFilter, tf.DepthwiseConv2dNativeBackpropInput, tf.UnsortedSegmentSum];
const present = () => missing.map((k) => `${k}: ${tf.getKernel(k, 'wasm') ? 'yes' : 'no'}`).join(', ');
const stockKernels = present();
await registerTfjsGradients();
await tf.setBackend('cpu');

const x = tf.randomNormal([1, 6, 7, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
const dilatedConv = () => {
  const [dx] = tf.grads((a) => tf.conv2d(a as tf.Tensor4D, tf.ones([3, 3, 3, 2]), 1, 'same', 'NHWC', 2))([x]);
  return `gradient of shape [${dx!.shape}]`;
};
const dilatedDepthwise = () => {
  const [dx] = tf.grads((a) => tf.depthwiseConv2d(a as tf.Tensor4D, tf.ones([3, 3, 3, 1]), 1, 'same', 'NHWC', 2))([x]);
  return `gradient of shape [${dx!.shape}]`;
};
const gatherNdGradient = () => {
  const [dx] = tf.grads((a) => tf.gatherND(a, tf.tensor2d([[0, 1, 1]], [1, 3], 'int32')))([x]);
  return `gradient of shape [${dx!.shape}]`;
};
// A resize is linear, so its gradient g of <resize(x), r> must satisfy <x, g> = <resize(x), r>.
const square = tf.randomNormal([1, 5, 5, 2], 0, 1, 'float32', 2) as tf.Tensor4D;
const weights = tf.randomNormal([1, 9, 9, 2], 0, 1, 'float32', 5);
const resizeGradientError = () => {
  const resize = (a: tf.Tensor) => tf.image.resizeBilinear(a as tf.Tensor4D, [9, 9], false, true);
  const [gradient] = tf.grads((a) => tf.mul(resize(a), weights))([square]);
  const expected = tf.sum(tf.mul(resize(square), weights));
  return `<x, g> - <resize(x), r> = ${maxDiff(tf.sum(tf.mul(square, gradient!)), expected)} (of ${Math.abs(expected.dataSync()[0]!).toFixed(2)})`;
};
const nonSquare = tf.randomNormal([1, 4, 6, 2], 0, 1, 'float32', 3) as tf.Tensor4D;
const resizeGradientShape = () => {
  const [dx] = tf.grads((a) => tf.image.resizeBilinear(a as tf.Tensor4D, [8, 12], true, false))([nonSquare]);
  return `input [${nonSquare.shape}], gradient [${dx!.shape}]`;
};
const negatives = tf.neg(tf.abs(tf.randomNormal([1, 6, 6, 2], 0, 1, 'float32', 4))) as tf.Tensor4D;
const maxPoolGradient = () => {
  const [dx] = tf.grads((a) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'))([negatives]);
  return tf.tidy(() => {
    // Each 2x2 window's gradient must land on its maximum.
    const winners = tf.equal(negatives, tf.image.resizeNearestNeighbor(tf.maxPool(negatives, 2, 2, 'valid'), [6, 6]));
    const misplaced = tf.sum(tf.cast(tf.logicalAnd(tf.notEqual(dx!, 0), tf.logicalNot(winners)), 'int32')).dataSync()[0];
    return `${misplaced} of 18 window gradients on a non-maximum`;
  });
};
const checks: Array<[string, () => string]> = [
  ['Conv2D gradient with dilation 2', dilatedConv],
  ['DepthwiseConv2dNative gradient with dilation 2', dilatedDepthwise],
  ['GatherNd gradient', gatherNdGradient],
  ['ResizeBilinear half-pixel gradient (5x5 -> 9x9)', resizeGradientError],
  ['ResizeBilinear gradient shape, non-square input', resizeGradientShape],
  ['MaxPool gradient, all-negative windows', maxPoolGradient],
];
const stock = [];
for (const [, run] of checks) stock.push(await onBackends(run));
await registerTrainingKernels();
fact('wasm kernels present (Conv2DBackpropFilter, depthwise filter/input, UnsortedSegmentSum)', stockKernels, present());
for (let i = 0; i < checks.length; i++) fact(checks[i]![0], stock[i]!, await onBackends(checks[i]![1]));
printTable(['check', 'tfjs 4.22 as shipped', 'after registerTrainingKernels'], rows);
