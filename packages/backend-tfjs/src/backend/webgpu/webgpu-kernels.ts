import * as tf from '@tensorflow/tfjs-core';
import { batchNormBackwardCoefficientsWebgpu, batchNormForwardCoefficientsWebgpu } from './batch-norm-coefficient-programs.js';
import { affineCenteredWebgpu, channelMeanWebgpu, shiftedChannelSumsWebgpu } from './channel-programs.js';
import { depthwiseFilterGradientWebgpu } from './depthwise-filter-gradient-program.js';
import { conv2dFilterGradientByTaps } from './filter-gradients.js';
import { flippedTransposedFilterWebgpu } from './flipped-filter-program.js';
import { im2colWebgpu } from './im2col-program.js';
import { linearCombinationWebgpu } from './linear-combination-kernel.js';
import { preluGradientWebgpu } from './prelu-gradient-programs.js';
import { relu6GradientWebgpu, reluGradientWebgpu } from './relu-gradient-programs.js';

/** A tensor over the data of a kernel input (kernels may receive raw tensor infos). */
function asTensor(info: tf.TensorInfo): tf.Tensor {
  if (info instanceof tf.Tensor) return info;
  tf.backend().incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** Output tiles of 32 x 32 below which a long product is split (an H100 has 132 multiprocessors). */
const FEW_TILES = 256;
/** Workgroups a split product aims for. */
const TARGET_WORKGROUPS = 2048;
/** Shortest inner length left to each part. */
const MIN_PART = 1024;
/** Largest partial-product tensor, in elements (64 MB of float32). */
const MAX_PARTIALS = 2 ** 24;

/**
 * How many parts to split the inner dimension `inner` of a product with an `rows` x `columns`
 * output into (a divisor of `inner`), or 1 to leave it whole: enough parts that the product fills
 * the GPU, none shorter than {@link MIN_PART}, the partial products at most {@link MAX_PARTIALS}.
 */
export function innerSplit(inner: number, rows: number, columns: number): number {
  const tiles = Math.ceil(rows / 32) * Math.ceil(columns / 32);
  if (tiles >= FEW_TILES || inner < 2 * MIN_PART) return 1;
  const most = Math.min(Math.floor(inner / MIN_PART), Math.floor(MAX_PARTIALS / (rows * columns)));
  const wanted = Math.min(most, Math.ceil(TARGET_WORKGROUPS / tiles));
  let parts = 1;
  for (let p = 2; p <= most; p++) {
    if (inner % p !== 0) continue;
    parts = p;
    if (p >= wanted) break;
  }
  return parts;
}

/**
 * The BatchMatMul kernel of WebGPU, except for single products with a long inner dimension and a
 * small output (weight gradients: [in, positions] x [positions, out]; per-channel sums as a row of
 * ones times [positions, C]): tfjs runs those with few workgroups each looping over a million
 * positions, or splits them with float atomics. Here the inner dimension is cut into parts, the
 * parts multiplied as one batched product, and the partial products summed.
 */
function splitLongProducts(original: tf.KernelConfig): tf.KernelConfig {
  return {
    ...original,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
      // tfjs hands over rank-2 or rank-3 operands: [batch...,] rows, columns.
      const batchOf = (shape: number[]) => shape.slice(0, -2).reduce((n, d) => n * d, 1);
      const [aRows, aColumns] = a.shape.slice(-2) as [number, number];
      const rows = transposeA ? aColumns : aRows;
      const inner = transposeA ? aRows : aColumns;
      const columns = b.shape[b.shape.length - 1]!;
      const single = batchOf(a.shape) === 1 && batchOf(b.shape) === 1;
      // Parts of A along the inner dimension are contiguous when A is transposed or a single row.
      const parts = single && !transposeB && (transposeA || rows === 1) ? innerSplit(inner, rows, columns) : 1;
      if (parts === 1) return original.kernelFunc(args);
      return tf.tidy(() => {
        const length = inner / parts;
        const aParts = transposeA ? tf.reshape(asTensor(a), [parts, length, rows]) : tf.reshape(asTensor(a), [parts, 1, length]);
        const partials = tf.matMul(aParts, tf.reshape(asTensor(b), [parts, length, columns]), transposeA, false);
        // The output keeps the operands' rank, as the kernel's own does ([rows, columns] for rank-2 operands).
        const batchShape = (a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2);
        return tf.reshape(tf.sum(partials, 0), [...batchShape, rows, columns]);
      });
    },
  };
}

/** Conv2DBackpropFilter of WebGPU as per-tap products ({@link conv2dFilterGradientByTaps}); its own shader loops over every position per thread. */
const conv2dBackpropFilterByTaps = (original: tf.KernelConfig): tf.KernelConfig => ({
  ...original,
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = attrs as unknown as { strides: [number, number]; pad: 'same' | 'valid' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: number[] };
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape as [number, number, number, number], a.strides, 1, a.pad, a.dimRoundingMode);
    return tf.tidy(() => conv2dFilterGradientByTaps(asTensor(x) as tf.Tensor4D, asTensor(dy) as tf.Tensor4D, info));
  },
});

let registered = false;

/**
 * Replaces two WebGPU kernels of tfjs that training needs and that run far below the GPU's speed
 * (on an H100, 70 % and 20 % of a MobileNetV2 step): BatchMatMul for long products with a small
 * output ({@link splitLongProducts}) and Conv2DBackpropFilter (also the filter gradient of
 * transposed convolutions); and adds fused programs for `@vidseg/tfjs-ops`'s channel kernels
 * (train-mode BatchNorm's mean and statistics, per-channel arithmetic and normalisation, each way:
 * `channel-programs.ts`, `batch-norm-coefficient-programs.ts`) and for
 * linear combinations (SGD and the running averages: `linear-combination-kernel.ts`) and the
 * depthwise filter gradient (`depthwise-filter-gradient-program.ts`) and the window columns of the
 * convolution filter gradients (`im2col-program.ts`) and the gradients of PReLU, ReLU and ReLU6
 * (`prelu-gradient-programs.ts`, `relu-gradient-programs.ts`) and the flipped filter of dilated
 * convolutions' input gradients (`flipped-filter-program.ts`).
 * Once per process; call with the WebGPU backend registered.
 */
export function registerWebgpuKernels(): void {
  if (registered) return;
  registered = true;
  for (const [name, replace] of [
    [tf.BatchMatMul, splitLongProducts],
    [tf.Conv2DBackpropFilter, conv2dBackpropFilterByTaps],
  ] as const) {
    const original = tf.getKernel(name, 'webgpu');
    if (!original) throw new Error(`the WebGPU backend has no ${name} kernel to replace`);
    tf.unregisterKernel(name, 'webgpu');
    tf.registerKernel(replace(original));
  }
  for (const fused of [channelMeanWebgpu, shiftedChannelSumsWebgpu, affineCenteredWebgpu, batchNormForwardCoefficientsWebgpu, batchNormBackwardCoefficientsWebgpu, linearCombinationWebgpu, depthwiseFilterGradientWebgpu, im2colWebgpu, preluGradientWebgpu, reluGradientWebgpu, relu6GradientWebgpu, flippedTransposedFilterWebgpu]) {
    tf.registerKernel(fused);
  }
}
