import * as tf from '@tensorflow/tfjs-core';

/** Threads per workgroup of this package's WebGPU programs. */
export const WORKGROUP = 256;

/**
 * A tfjs WebGPU program over `outputShape` with a flat dispatch: `main(index)` gets the global
 * thread index (one thread per output element unless `workgroups` says otherwise).
 */
export abstract class FlatProgram {
  abstract readonly variableNames: string[];
  abstract readonly shaderKey: string;
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly size = true;

  constructor(outputShape: number[], workgroups = Math.ceil(tf.util.sizeFromShape(outputShape) / WORKGROUP)) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.dispatch = [workgroups, 1, 1];
  }

  abstract getUserCode(): string;
}

/**
 * One thread per output value, set to `value`: WGSL over the inputs, the flat `index` and the
 * channel `c` (the last axis) of a tensor with `uniforms.channels` channels.
 */
export class ChannelMapProgram extends FlatProgram {
  readonly uniforms = 'channels : i32,';

  constructor(
    outputShape: number[],
    readonly shaderKey: string,
    readonly variableNames: string[],
    private readonly value: string,
  ) {
    super(outputShape);
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let c = index % uniforms.channels;
          setOutputAtIndex(index, ${this.value});
        }
      }`;
  }
}

/** Program-defined uniforms of tfjs's WebGPU backend. */
export type Uniform = { type: 'int32' | 'float32'; data: number[] };

/** int32 uniforms, in order. */
export const int32 = (...values: number[]): Uniform[] => values.map((v) => ({ type: 'int32', data: [v] }));

/** The WGSL uniform fields of {@link convGeometry}, in its order. */
export const CONV_GEOMETRY_UNIFORMS =
  'inHeight : i32, inWidth : i32, outHeight : i32, outWidth : i32, strideH : i32, strideW : i32, dilationH : i32, dilationW : i32, padTop : i32, padLeft : i32,';

/** A convolution's geometry as int32 uniforms ({@link CONV_GEOMETRY_UNIFORMS}). */
export function convGeometry(info: tf.backend_util.Conv2DInfo): Uniform[] {
  return int32(
    info.inHeight,
    info.inWidth,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
  );
}
