// Times the convolution kernels and the other training ops of this package on wasm, 1 thread:
// forward, forward + backward (input and filter gradients), and each gradient on its own, in CPU
// time of this (single-threaded) process.
// Run: node bench/run.mjs conv-kernels [--batch 1] [--reps 7]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  adaptiveAvgPool,
  avgPool2d,
  batchNormTrain,
  maxPool2d,
  registerTrainingKernels,
  resizeBilinear,
  warpBilinear,
} from '../src/index.js';
import { convInfo } from '../src/conv/conv-info.js';
import { conv2dFilterGradient } from '../src/conv/conv2d-filter-gradient.js';
import { conv2dInputGradient } from '../src/conv/conv2d-input-gradient.js';
import { depthwiseFilterGradient } from '../src/conv/depthwise-filter-gradient.js';
import { depthwiseInputGradient } from '../src/conv/depthwise-input-gradient.js';
import { argument, measure, printTable } from './timing.js';

interface Layer {
  readonly name: string;
  readonly input: [number, number, number];
  readonly out: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly depthwise?: boolean;
}

// Layers of the zoo's students at 360x480 (ESPNet-C, MobileNetV2, a ResNet-18 backbone).
const LAYERS: readonly Layer[] = [
  { name: 'ESPNet level1 3x3 s2 3->16', input: [360, 480, 3], out: 16, kernel: 3, stride: 2, dilation: 1 },
  { name: 'ESPNet strided reduce 3x3 s2 19->12', input: [180, 240, 19], out: 12, kernel: 3, stride: 2, dilation: 1 },
  { name: 'ESPNet branch 3x3 d2 12->12', input: [90, 120, 12], out: 12, kernel: 3, stride: 1, dilation: 2 },
  { name: 'ESPNet reduce 1x1 128->25', input: [45, 60, 128], out: 25, kernel: 1, stride: 1, dilation: 1 },
  { name: 'ESPNet branch 3x3 d8 25->25', input: [45, 60, 25], out: 25, kernel: 3, stride: 1, dilation: 8 },
  { name: 'MobileNetV2 expand 1x1 24->144', input: [90, 120, 24], out: 144, kernel: 1, stride: 1, dilation: 1 },
  { name: 'MobileNetV2 depthwise 3x3 144', input: [90, 120, 144], out: 144, kernel: 3, stride: 1, dilation: 1, depthwise: true },
  { name: 'MobileNetV2 depthwise 3x3 s2 96', input: [180, 240, 96], out: 96, kernel: 3, stride: 2, dilation: 1, depthwise: true },
  { name: 'MobileNetV2 depthwise 3x3 d2 384', input: [45, 60, 384], out: 384, kernel: 3, stride: 1, dilation: 2, depthwise: true },
  { name: 'ResNet-18 3x3 64->64', input: [90, 120, 64], out: 64, kernel: 3, stride: 1, dilation: 1 },
  { name: 'ResNet-18 3x3 d2 256->256', input: [45, 60, 256], out: 256, kernel: 3, stride: 1, dilation: 2 },
];

const batch = Number(argument('batch', '1'));
const reps = Number(argument('reps', '7'));
const shippedBackpropInput = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
await tf.setBackend('wasm');
await tf.ready();
await registerTrainingKernels();
console.log(`tfjs ${tf.version_core}, backend ${tf.getBackend()} (1 thread), batch ${batch}, CPU ms of this process, best of ${reps} runs\n`);

const fmt = (ms: number) => ms.toFixed(1);
const convRows: string[][] = [];
for (const layer of LAYERS) {
  const [h, w, c] = layer.input;
  const x = tf.randomNormal([batch, h, w, c]) as tf.Tensor4D;
  const filter = tf.randomNormal([layer.kernel, layer.kernel, c, layer.depthwise ? 1 : layer.out]) as tf.Tensor4D;
  const pad = (layer.dilation * (layer.kernel - 1)) >> 1;
  const padding: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [pad, pad], [pad, pad], [0, 0]];
  const conv = (input: tf.Tensor4D, f: tf.Tensor4D) =>
    layer.depthwise
      ? tf.depthwiseConv2d(input, f, layer.stride, padding, 'NHWC', layer.dilation)
      : tf.conv2d(input, f, layer.stride, padding, 'NHWC', layer.dilation);
  const dy = tf.randomNormal(conv(x, filter).shape) as tf.Tensor4D;
  const info = convInfo(x.shape, filter.shape, { strides: layer.stride, pad: padding, dilations: layer.dilation }, layer.depthwise ?? false, layer.name);
  const forward = (await measure(() => conv(x, filter), reps)).cpuMs;
  const train = (await measure(() => tf.grads((a, b) => conv(a as tf.Tensor4D, b as tf.Tensor4D))([x, filter], dy), reps)).cpuMs;
  const inputGradient = (await measure(() => (layer.depthwise ? depthwiseInputGradient : conv2dInputGradient)(dy, filter, info), reps)).cpuMs;
  const filterGradient = (await measure(() => (layer.depthwise ? depthwiseFilterGradient : conv2dFilterGradient)(x, dy, info), reps)).cpuMs;
  let shipped = '-';
  if (!layer.depthwise && layer.dilation === 1 && shippedBackpropInput) {
    const attrs = { strides: layer.stride, pad: padding, dataFormat: 'NHWC', inputShape: x.shape } as unknown as tf.NamedAttrMap;
    const backend = tf.backend();
    const times: number[] = [];
    for (let i = 0; i < reps + 1; i++) {
      const cpu = process.cpuUsage();
      const out = shippedBackpropInput.kernelFunc({ inputs: { dy, filter }, backend, attrs }) as tf.TensorInfo;
      backend.readSync(out.dataId);
      const used = process.cpuUsage(cpu);
      times.push((used.user + used.system) / 1000);
      backend.disposeData(out.dataId);
    }
    shipped = fmt(Math.min(...times.slice(1)));
  }
  convRows.push([layer.name, `${batch}x${h}x${w}`, fmt(forward), fmt(train), (train / forward).toFixed(2), fmt(inputGradient), fmt(filterGradient), shipped]);
  tf.dispose([x, filter, dy]);
}
printTable(['layer', 'input', 'forward ms', 'fwd+bwd ms', 'ratio', 'input grad ms', 'filter grad ms', 'shipped wasm input grad ms'], convRows);

// The other training ops at the sizes they meet in the zoo.
interface OpCase {
  readonly name: string;
  readonly inputs: () => tf.Tensor[];
  readonly forward: (...inputs: tf.Tensor[]) => tf.Tensor;
}
const OPS: readonly OpCase[] = [
  ...([[180, 240, 16], [90, 120, 64], [45, 60, 256]] as const).flatMap(([h, w, c]) => [
    {
      name: `batchNormTrain ${h}x${w}x${c}`,
      inputs: () => [tf.randomNormal([batch, h, w, c]), tf.ones([c]), tf.zeros([c])],
      forward: (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => batchNormTrain(x as tf.Tensor4D, { gamma: g as tf.Tensor1D, beta: b as tf.Tensor1D, eps: 1e-3 }).y,
    },
    {
      name: `(tf.moments + tf.batchNorm ${h}x${w}x${c})`,
      inputs: () => [tf.randomNormal([batch, h, w, c]), tf.ones([c]), tf.zeros([c])],
      forward: (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.batchNorm(x, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, 1e-3);
      },
    },
  ]),
  {
    name: 'resizeBilinear 45x60x12 -> 360x480 half-pixel',
    inputs: () => [tf.randomNormal([batch, 45, 60, 12])],
    forward: (x: tf.Tensor) => resizeBilinear(x as tf.Tensor4D, [360, 480], 'half-pixel'),
  },
  {
    name: 'adaptiveAvgPool 45x60x512 -> 6x6',
    inputs: () => [tf.randomNormal([batch, 45, 60, 512])],
    forward: (x: tf.Tensor) => adaptiveAvgPool(x as tf.Tensor4D, 6),
  },
  {
    name: 'avgPool2d 3x3 s2 p1 360x480x3',
    inputs: () => [tf.randomNormal([batch, 360, 480, 3])],
    forward: (x: tf.Tensor) => avgPool2d(x as tf.Tensor4D, { kernel: 3, stride: 2, padding: 1, countIncludePad: true }),
  },
  {
    name: 'maxPool2d 3x3 s2 p1 180x240x64',
    inputs: () => [tf.randomNormal([batch, 180, 240, 64])],
    forward: (x: tf.Tensor) => maxPool2d(x as tf.Tensor4D, { kernel: 3, stride: 2, padding: 1 }),
  },
  {
    name: 'warpBilinear 360x480x12 (x and flow)',
    inputs: () => [tf.randomNormal([batch, 360, 480, 12]), tf.mul(tf.randomNormal([batch, 360, 480, 2]), 3)],
    forward: (x: tf.Tensor, flow: tf.Tensor) => warpBilinear(x as tf.Tensor4D, flow as tf.Tensor4D, { border: 'zeros' }),
  },
];
const opRows: string[][] = [];
for (const op of OPS) {
  const inputs = op.inputs();
  const dy = tf.randomNormal(tf.tidy(() => op.forward(...inputs)).shape);
  const forward = (await measure(() => op.forward(...inputs), reps)).cpuMs;
  const train = (await measure(() => tf.grads((...xs: tf.Tensor[]) => op.forward(...xs))(inputs, dy), reps)).cpuMs;
  opRows.push([op.name, fmt(forward), fmt(train), (train / forward).toFixed(2)]);
  tf.dispose([...inputs, dy]);
}
console.log('');
printTable(['op', 'forward ms', 'fwd+bwd ms', 'ratio'], opRows);
