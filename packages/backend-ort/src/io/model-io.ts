import { DataError, UsageError, type Palette, type Preprocessing } from '@vidseg/core';
import type { InputFormat } from '../export/model-metadata.js';
import type { OnnxModelInfo, OnnxTensorInfo } from '../onnx/read-onnx-model.js';

/** How to feed a segmentation model and read its outputs, from its metadata or its signature. */
export interface ModelIo {
  readonly input: {
    readonly name: string;
    readonly format: InputFormat;
    /** Fixed [height, width], or null for any size (a multiple of `multipleOf`). */
    readonly size: readonly [number, number] | null;
    /** Fixed batch size, or null when dynamic. */
    readonly batch: number | null;
    readonly multipleOf: number;
    /** The size the network was trained at, [height, width], when its metadata says. */
    readonly nativeSize?: readonly [number, number];
  };
  /** Output names by kind, when the model has them. */
  readonly outputs: { readonly labels?: string; readonly probabilities?: string; readonly logits?: string; readonly features?: string };
  readonly classes: readonly string[];
  /** The trained void/background class ("no class"), when the model has one. */
  readonly voidClass?: number;
  readonly preprocessing: Preprocessing;
  readonly palette?: Palette;
}

/** What a caller may supply for a model without vidseg metadata (or to override it). */
export interface ModelIoOverrides {
  readonly preprocessing?: Preprocessing;
  readonly classes?: readonly string[];
  /** The model's void/background class, for a model without vidseg metadata (or to override it). */
  readonly voidClass?: number;
  /** Output names to read as logits and features (default: `logits`/`features`, else the first float output). */
  readonly logits?: string;
  readonly features?: string;
}

const fixed = (dim: number | string | null | undefined): number | null => (typeof dim === 'number' && dim > 0 ? dim : null);

/**
 * The {@link ModelIo} of a model: vidseg-exported models describe themselves; any other model
 * with one 4-D input (uint8 NHWC image with 3 or 4 channels, or float32 NCHW with 3 channels) and
 * a float32 N x K x H x W output works when `overrides` give its preprocessing and classes.
 */
export function describeModelIo(info: OnnxModelInfo, overrides: ModelIoOverrides = {}): ModelIo {
  const meta = info.vidseg;
  const names = new Set(info.outputs.map((o) => o.name));
  const pick = (name: string | undefined, fallback: string): string | undefined => {
    if (name !== undefined && !names.has(name)) throw new UsageError(`${info.source}: has no output "${name}"; its outputs are ${[...names].join(', ')}`);
    return name ?? (names.has(fallback) ? fallback : undefined);
  };
  const logits = pick(overrides.logits, 'logits') ?? (meta ? undefined : firstFloatOutput(info));
  const features = pick(overrides.features, 'features');
  const outputs = {
    ...(names.has('labels') ? { labels: 'labels' } : {}),
    ...(names.has('probabilities') ? { probabilities: 'probabilities' } : {}),
    ...(logits ? { logits } : {}),
    ...(features ? { features } : {}),
  };
  const preprocessing = overrides.preprocessing ?? meta?.preprocessing;
  const classes = overrides.classes ?? meta?.classes;
  if (!preprocessing || !classes) {
    throw new DataError(`${info.source}: was not exported by vidseg (no vidseg metadata), so its preprocessing and classes are unknown`, {
      hint: 'pass preprocessing and classes, or export the model with vidseg',
    });
  }
  const input = meta ? { ...meta.input } : inputFromSignature(info);
  const voidClass = overrides.voidClass ?? meta?.voidClass;
  return { input, outputs, classes, ...(voidClass === undefined ? {} : { voidClass }), preprocessing, ...(meta?.palette ? { palette: meta.palette } : {}) };
}

function firstFloatOutput(info: OnnxModelInfo): string | undefined {
  return info.outputs.find((o) => o.type === 'float32' && o.dims.length === 4)?.name;
}

function inputFromSignature(info: OnnxModelInfo): ModelIo['input'] {
  const [input, ...others] = info.inputs;
  const fail = (): never => {
    throw new DataError(
      `${info.source}: expected one input, uint8 [N, H, W, 3 or 4] or float32 [N, 3, H, W]; it has ${info.inputs.map(describe).join(', ') || 'none'}`,
    );
  };
  if (!input || others.length > 0 || input.dims.length !== 4) return fail();
  const [n, a, b, c] = input.dims;
  if (input.type === 'uint8' && (c === 3 || c === 4)) {
    return { name: input.name, format: c === 3 ? 'image-rgb' : 'image-rgba', size: sizeOf(a, b), batch: fixed(n), multipleOf: 1 };
  }
  if (input.type === 'float32' && a === 3) return { name: input.name, format: 'tensor', size: sizeOf(b, c), batch: fixed(n), multipleOf: 1 };
  return fail();
}

function sizeOf(h: number | string | null | undefined, w: number | string | null | undefined): readonly [number, number] | null {
  const [fh, fw] = [fixed(h), fixed(w)];
  return fh !== null && fw !== null ? [fh, fw] : null;
}

function describe(tensor: OnnxTensorInfo): string {
  return `"${tensor.name}" ${tensor.type} [${tensor.dims.map((d) => d ?? '?').join(', ')}]`;
}
