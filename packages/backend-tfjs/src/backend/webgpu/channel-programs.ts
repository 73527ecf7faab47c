import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { AFFINE_CENTERED, checkedRowWindow, SHIFTED_CHANNEL_SUMS } from '@vidseg/tfjs-ops/internal';
import { FlatProgram, int32, WORKGROUP } from './flat-program.js';

/** Rows a workgroup of the partial sums covers at least. */
const MIN_PART_ROWS = 256;
/** Workgroups the partial sums aim for at most (an H100 has 132 multiprocessors). */
const MAX_WORKGROUPS = 2048;

/**
 * Per-channel partial sums of (a - shiftA) and (a - shiftA) * (b - shiftB) over parts of the rows,
 * [parts, 2, C]: workgroup g sums part g / blocks for the `lanes` channels of block g % blocks,
 * `256 / lanes` rows at a time, and reduces its row lanes in workgroup memory.
 */
class PartialChannelSumsProgram extends FlatProgram {
  readonly variableNames = ['a', 'b', 'shiftA', 'shiftB'];
  readonly shaderKey: string;
  readonly uniforms = 'channels : i32, rows : i32, partRows : i32, aRow : i32, bRow : i32, blocks : i32,';
  private readonly lanes: number;

  constructor(parts: number, channels: number, lanes: number, blocks: number) {
    super([parts, 2, channels], parts * blocks);
    this.lanes = lanes;
    this.shaderKey = `vidsegPartialChannelSums_${lanes}`;
  }

  getUserCode(): string {
    const lanes = this.lanes;
    return `
      var<workgroup> sumsA : array<f32, ${WORKGROUP}>;
      var<workgroup> sumsAB : array<f32, ${WORKGROUP}>;
      fn main(index : i32) {
        let group = i32(workgroupId.x);
        let part = group / uniforms.blocks;
        let lane = i32(localIndex) % ${lanes};
        let c = (group % uniforms.blocks) * ${lanes} + lane;
        var sumA = 0.0;
        var sumAB = 0.0;
        if (c < uniforms.channels) {
          let sa = shiftA[c];
          let sb = shiftB[c];
          let last = min((part + 1) * uniforms.partRows, uniforms.rows);
          for (var r = part * uniforms.partRows + i32(localIndex) / ${lanes}; r < last; r = r + ${WORKGROUP / lanes}) {
            let da = a[(uniforms.aRow + r) * uniforms.channels + c] - sa;
            sumA = sumA + da;
            sumAB = sumAB + da * (b[(uniforms.bRow + r) * uniforms.channels + c] - sb);
          }
        }
        sumsA[localIndex] = sumA;
        sumsAB[localIndex] = sumAB;
        workgroupBarrier();
        for (var stride = ${WORKGROUP / 2}u; stride >= ${lanes}u; stride = stride / 2u) {
          if (localIndex < stride) {
            sumsA[localIndex] = sumsA[localIndex] + sumsA[localIndex + stride];
            sumsAB[localIndex] = sumsAB[localIndex] + sumsAB[localIndex + stride];
          }
          workgroupBarrier();
        }
        if (i32(localIndex) < ${lanes} && c < uniforms.channels) {
          result[part * 2 * uniforms.channels + c] = sumsA[localIndex];
          result[(part * 2 + 1) * uniforms.channels + c] = sumsAB[localIndex];
        }
      }`;
  }
}

/**
 * The sum over the leading axis of partial sums [parts, 2, C], as [2, C]: one workgroup per output
 * value, its threads striding over the parts, then a reduction in workgroup memory (one thread
 * looping over up to 2048 parts would wait on each load in turn).
 */
class SumPartsProgram extends FlatProgram {
  readonly variableNames = ['partials'];
  readonly shaderKey = 'vidsegSumParts';
  readonly uniforms = 'parts : i32,';

  constructor(outputShape: number[]) {
    super(outputShape, tf.util.sizeFromShape(outputShape));
  }

  getUserCode(): string {
    return `
      var<workgroup> totals : array<f32, ${WORKGROUP}>;
      fn main(index : i32) {
        let out = i32(workgroupId.x);
        var total = 0.0;
        for (var p = i32(localIndex); p < uniforms.parts; p = p + ${WORKGROUP}) {
          total = total + partials[p * uniforms.size + out];
        }
        totals[localIndex] = total;
        workgroupBarrier();
        for (var stride = ${WORKGROUP / 2}u; stride > 0u; stride = stride / 2u) {
          if (localIndex < stride) {
            totals[localIndex] = totals[localIndex] + totals[localIndex + stride];
          }
          workgroupBarrier();
        }
        if (localIndex == 0u) {
          result[out] = totals[0];
        }
      }`;
  }
}

/** scaleA * a + scaleB * (b - shiftB) + offset per channel (the last axis), coefficients [4, C] in that order. */
class AffineCenteredProgram extends FlatProgram {
  readonly variableNames = ['a', 'b', 'coefficients'];
  readonly shaderKey = 'vidsegAffineCentered';
  readonly uniforms = 'channels : i32,';

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let c = index % uniforms.channels;
          let n = uniforms.channels;
          setOutputAtIndex(index, coefficients[c] * a[index] + coefficients[n + c] * (b[index] - coefficients[2 * n + c]) + coefficients[3 * n + c]);
        }
      }`;
  }
}

/** Channel lanes of a workgroup: the power of two >= the channels, at most 64. */
export const lanesFor = (channels: number) => Math.min(64, 2 ** Math.ceil(Math.log2(Math.max(channels, 1))));

/**
 * The sum over the leading axis of `partials` [parts, ...], shaped `shape` (the partials themselves
 * when there is one part); disposes the partials it sums.
 */
export function sumParts(gpu: WebGPUBackend, partials: tf.TensorInfo, parts: number, shape: number[]): tf.TensorInfo {
  // One part: the same data viewed in `shape` (as tfjs's Reshape does, the output owning it).
  if (parts === 1) return { ...partials, shape };
  const sums = gpu.runWebGPUProgram(new SumPartsProgram(shape) as never, [partials], 'float32', int32(parts) as never);
  gpu.disposeData(partials.dataId);
  return sums;
}

/** How many parts of at least {@link MIN_PART_ROWS} rows the partial sums split `rows` into. */
export function channelSumParts(rows: number, blocks: number): number {
  return Math.max(1, Math.min(Math.ceil(rows / MIN_PART_ROWS), Math.floor(MAX_WORKGROUPS / blocks)));
}

/**
 * {@link SHIFTED_CHANNEL_SUMS} on WebGPU: one dispatch of per-part sums with a workgroup reduction,
 * and one summing the parts where there are several. tfjs ops take about ten dispatches for it
 * (two differences, a product, two products with a row of ones split in parts, a concatenation).
 */
export const shiftedChannelSumsWebgpu: tf.KernelConfig = {
  kernelName: SHIFTED_CHANNEL_SUMS,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const gpu = backend as WebGPUBackend;
    const { a, b, shiftA, shiftB } = inputs as Record<'a' | 'b' | 'shiftA' | 'shiftB', tf.TensorInfo>;
    const { aRow, bRow, rows, channels } = checkedRowWindow(a, b, attrs);
    const lanes = lanesFor(channels);
    const blocks = Math.ceil(channels / lanes);
    const parts = channelSumParts(rows, blocks);
    const partRows = Math.ceil(rows / parts);
    const program = new PartialChannelSumsProgram(parts, channels, lanes, blocks);
    const partials = gpu.runWebGPUProgram(program as never, [a, b, shiftA, shiftB], 'float32', int32(channels, rows, partRows, aRow, bRow, blocks) as never);
    return sumParts(gpu, partials, parts, [2, channels]);
  },
};

/** {@link AFFINE_CENTERED} on WebGPU: one dispatch (tfjs ops take three to five). */
export const affineCenteredWebgpu: tf.KernelConfig = {
  kernelName: AFFINE_CENTERED,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const { a, b, coefficients } = inputs as Record<'a' | 'b' | 'coefficients', tf.TensorInfo>;
    const channels = a.shape[a.shape.length - 1]!;
    return (backend as WebGPUBackend).runWebGPUProgram(new AffineCenteredProgram([...a.shape]) as never, [a, b, coefficients], 'float32', int32(channels) as never);
  },
};
