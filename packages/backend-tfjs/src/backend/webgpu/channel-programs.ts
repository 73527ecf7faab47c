import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { AFFINE_CENTERED, CHANNEL_MEAN, checkedRowWindow, SHIFTED_CHANNEL_SUMS } from '@vidseg/tfjs-ops/internal';
import { ChannelMapProgram, FlatProgram, int32, WORKGROUP } from './flat-program.js';

/** Rows a workgroup of the partial sums covers at least. */
const MIN_PART_ROWS = 256;
/** Workgroups the partial sums aim for at most (an H100 has 132 multiprocessors). */
const MAX_WORKGROUPS = 2048;

/**
 * What {@link PartialChannelSumsProgram} sums over rows r for each channel c: WGSL statements run
 * once per channel (`setup`) and once per row (`row`, which may define `let`s), then each of `sums`,
 * an expression over the inputs, r and c.
 */
export interface ChannelSumTerms {
  /** Distinguishes the shader. */
  readonly key: string;
  readonly inputs: string[];
  readonly setup: string;
  readonly row: string;
  readonly sums: readonly string[];
}

/**
 * Per-channel partial sums of the `terms` over parts of the rows, [parts, sums, C]: workgroup g sums
 * part g / blocks for the `lanes` channels of block g % blocks, `256 / lanes` rows at a time, and
 * reduces its row lanes in workgroup memory.
 */
class PartialChannelSumsProgram extends FlatProgram {
  readonly variableNames: string[];
  readonly shaderKey: string;
  readonly uniforms = 'channels : i32, rows : i32, partRows : i32, aRow : i32, bRow : i32, blocks : i32,';

  constructor(
    parts: number,
    channels: number,
    private readonly lanes: number,
    blocks: number,
    private readonly terms: ChannelSumTerms,
  ) {
    super([parts, terms.sums.length, channels], parts * blocks);
    this.variableNames = terms.inputs;
    this.shaderKey = `vidsegPartialChannelSums_${terms.key}_${lanes}`;
  }

  getUserCode(): string {
    const { lanes, terms } = this;
    const count = terms.sums.length;
    const each = (f: (i: number) => string) => terms.sums.map((_, i) => f(i)).join('\n');
    return `
      ${each((i) => `var<workgroup> shared${i} : array<f32, ${WORKGROUP}>;`)}
      fn main(index : i32) {
        let group = i32(workgroupId.x);
        let part = group / uniforms.blocks;
        let lane = i32(localIndex) % ${lanes};
        let c = (group % uniforms.blocks) * ${lanes} + lane;
        ${each((i) => `var sum${i} = 0.0;`)}
        if (c < uniforms.channels) {
          ${terms.setup}
          let last = min((part + 1) * uniforms.partRows, uniforms.rows);
          for (var r = part * uniforms.partRows + i32(localIndex) / ${lanes}; r < last; r = r + ${WORKGROUP / lanes}) {
            ${terms.row}
            ${each((i) => `sum${i} = sum${i} + ${terms.sums[i]};`)}
          }
        }
        ${each((i) => `shared${i}[localIndex] = sum${i};`)}
        workgroupBarrier();
        for (var stride = ${WORKGROUP / 2}u; stride >= ${lanes}u; stride = stride / 2u) {
          if (localIndex < stride) {
            ${each((i) => `shared${i}[localIndex] = shared${i}[localIndex] + shared${i}[localIndex + stride];`)}
          }
          workgroupBarrier();
        }
        if (i32(localIndex) < ${lanes} && c < uniforms.channels) {
          ${each((i) => `result[(part * ${count} + ${i}) * uniforms.channels + c] = shared${i}[localIndex];`)}
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
const AFFINE_CENTERED_VALUE =
  'coefficients[c] * a[index] + coefficients[uniforms.channels + c] * (b[index] - coefficients[2 * uniforms.channels + c]) + coefficients[3 * uniforms.channels + c]';

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

/** (a - shiftA) and (a - shiftA) * (b - shiftB) over a's and b's row windows. */
const SHIFTED_SUMS: ChannelSumTerms = {
  key: 'shifted',
  inputs: ['a', 'b', 'shiftA', 'shiftB'],
  setup: 'let sa = shiftA[c]; let sb = shiftB[c];',
  row: 'let da = a[(uniforms.aRow + r) * uniforms.channels + c] - sa;',
  sums: ['da', 'da * (b[(uniforms.bRow + r) * uniforms.channels + c] - sb)'],
};

/** Where {@link channelSums} reads: rows aRow.. of a and bRow.. of b (inputs viewed as [rows, C]). */
export interface ChannelSumWindow {
  readonly rows: number;
  readonly channels: number;
  readonly aRow?: number;
  readonly bRow?: number;
}

/**
 * The per-channel sums of `terms` over `window.rows` rows, [sums, C] (or `shape`): one dispatch of
 * per-part sums with a workgroup reduction, and one summing the parts where there are several.
 */
export function channelSums(gpu: WebGPUBackend, terms: ChannelSumTerms, inputs: tf.TensorInfo[], window: ChannelSumWindow, shape = [terms.sums.length, window.channels]): tf.TensorInfo {
  const { rows, channels } = window;
  const lanes = lanesFor(channels);
  const blocks = Math.ceil(channels / lanes);
  const parts = channelSumParts(rows, blocks);
  const partRows = Math.ceil(rows / parts);
  const program = new PartialChannelSumsProgram(parts, channels, lanes, blocks, terms);
  const partials = gpu.runWebGPUProgram(program as never, inputs, 'float32', int32(channels, rows, partRows, window.aRow ?? 0, window.bRow ?? 0, blocks) as never);
  return sumParts(gpu, partials, parts, shape);
}

/**
 * {@link SHIFTED_CHANNEL_SUMS} on WebGPU: {@link channelSums}, one or two dispatches. tfjs ops take
 * about ten for it (two differences, a product, two products with a row of ones split in parts, a
 * concatenation).
 */
export const shiftedChannelSumsWebgpu: tf.KernelConfig = {
  kernelName: SHIFTED_CHANNEL_SUMS,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { a, b, shiftA, shiftB } = inputs as Record<'a' | 'b' | 'shiftA' | 'shiftB', tf.TensorInfo>;
    const window = checkedRowWindow(a, b, attrs);
    return channelSums(backend as WebGPUBackend, SHIFTED_SUMS, [a, b, shiftA, shiftB], window);
  },
};

/** x * (1 / rows), so that the sum is the mean as the product with a row of 1 / rows gives it. */
const MEAN: ChannelSumTerms = {
  key: 'mean',
  inputs: ['x'],
  setup: 'let share = 1.0 / f32(uniforms.rows);',
  row: '',
  sums: ['x[r * uniforms.channels + c] * share'],
};

/** {@link CHANNEL_MEAN} on WebGPU: {@link channelSums}, one or two dispatches (the product with a filled row took three or four). */
export const channelMeanWebgpu: tf.KernelConfig = {
  kernelName: CHANNEL_MEAN,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    const channels = x.shape[x.shape.length - 1]!;
    return channelSums(backend as WebGPUBackend, MEAN, [x], { rows: tf.util.sizeFromShape(x.shape) / channels, channels }, [1, channels]);
  },
};

/** {@link AFFINE_CENTERED} on WebGPU: one dispatch (tfjs ops take three to five). */
export const affineCenteredWebgpu: tf.KernelConfig = {
  kernelName: AFFINE_CENTERED,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend }) => {
    const { a, b, coefficients } = inputs as Record<'a' | 'b' | 'coefficients', tf.TensorInfo>;
    const channels = a.shape[a.shape.length - 1]!;
    const program = new ChannelMapProgram([...a.shape], 'vidsegAffineCentered', ['a', 'b', 'coefficients'], AFFINE_CENTERED_VALUE);
    return (backend as WebGPUBackend).runWebGPUProgram(program as never, [a, b, coefficients], 'float32', int32(channels) as never);
  },
};
