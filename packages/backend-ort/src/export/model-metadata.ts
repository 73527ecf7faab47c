import { z } from 'zod';
import { DataError, type Palette, type Preprocessing } from '@vidseg/core';

/** Where the network's input comes from: a uint8 NHWC image, or a float32 NCHW tensor. */
export type InputFormat = 'image-rgb' | 'image-rgba' | 'tensor';

/** The input of an exported model, as recorded in its metadata. */
export interface ExportedInput {
  /** Graph input name. */
  readonly name: string;
  readonly format: InputFormat;
  /** Fixed [height, width], or null when the model accepts any size (multiple of `multipleOf`). */
  readonly size: readonly [number, number] | null;
  /** Fixed batch size, or null when dynamic. */
  readonly batch: number | null;
  /** Height and width must be multiples of this. */
  readonly multipleOf: number;
  /** The size the network was designed for, when known. */
  readonly nativeSize?: readonly [number, number];
}

/**
 * What vidseg writes into an exported model's `metadata_props`, so that the .onnx file alone is
 * enough to run it: class names, display palette, preprocessing, input constraint and outputs.
 */
export interface VidsegModelMetadata {
  /** vidseg version that exported the model. */
  readonly version: string;
  /** Model name, e.g. `espnet`. */
  readonly model: string;
  readonly classes: readonly string[];
  /** The trained void/background class ("no class"), when the model has one. */
  readonly voidClass?: number;
  readonly palette?: Palette;
  readonly preprocessing: Preprocessing;
  readonly input: ExportedInput;
  /** Graph output names, which are their kinds: `labels`, `probabilities`, `logits`, `features`, ... */
  readonly outputs: readonly string[];
}

/** The metadata_props keys vidseg writes; values are JSON except for version and model. */
export const METADATA_KEYS = {
  version: 'vidseg.version',
  model: 'vidseg.model',
  classes: 'vidseg.classes',
  voidClass: 'vidseg.voidClass',
  palette: 'vidseg.palette',
  preprocessing: 'vidseg.preprocessing',
  input: 'vidseg.input',
  outputs: 'vidseg.outputs',
} as const;

const rgb = z.tuple([z.number(), z.number(), z.number()]);
const pair = z.tuple([z.number().int().positive(), z.number().int().positive()]);
const jsonSchemas = {
  classes: z.array(z.string()),
  voidClass: z.number().int().min(0).max(255),
  palette: z.object({ name: z.string(), classes: z.array(z.string()), colors: z.array(rgb), ignoreLabel: z.number().int(), ignoreColor: rgb }),
  preprocessing: z.object({ channelOrder: z.enum(['RGB', 'BGR']), mean: rgb, std: rgb, scale: z.number() }),
  input: z.object({
    name: z.string(),
    format: z.enum(['image-rgb', 'image-rgba', 'tensor']),
    size: pair.nullable(),
    batch: z.number().int().positive().nullable(),
    multipleOf: z.number().int().positive(),
    nativeSize: pair.optional(),
  }),
  outputs: z.array(z.string()),
};

/** The metadata as ONNX key/value pairs. */
export function metadataProps(metadata: VidsegModelMetadata): { key: string; value: string }[] {
  const props: { key: string; value: string }[] = [
    { key: METADATA_KEYS.version, value: metadata.version },
    { key: METADATA_KEYS.model, value: metadata.model },
    { key: METADATA_KEYS.classes, value: JSON.stringify(metadata.classes) },
    { key: METADATA_KEYS.preprocessing, value: JSON.stringify(metadata.preprocessing) },
    { key: METADATA_KEYS.input, value: JSON.stringify(metadata.input) },
    { key: METADATA_KEYS.outputs, value: JSON.stringify(metadata.outputs) },
  ];
  if (metadata.voidClass !== undefined) props.push({ key: METADATA_KEYS.voidClass, value: JSON.stringify(metadata.voidClass) });
  if (metadata.palette) props.push({ key: METADATA_KEYS.palette, value: JSON.stringify(metadata.palette) });
  return props;
}

/**
 * The vidseg metadata of a model from its metadata_props, or undefined when the model was not
 * exported by vidseg (no `vidseg.version` key). A vidseg key with a malformed value is a
 * {@link DataError} naming the key and `source`.
 */
export function parseVidsegMetadata(props: Readonly<Record<string, string>>, source: string): VidsegModelMetadata | undefined {
  const version = props[METADATA_KEYS.version];
  if (version === undefined) return undefined;
  const json = <T>(field: keyof typeof jsonSchemas, schema: z.ZodType<T>, required: boolean): T | undefined => {
    const key = METADATA_KEYS[field];
    const text = props[key];
    if (text === undefined) {
      if (required) throw new DataError(`${source}: metadata key "${key}" is missing (the model says it was exported by vidseg ${version})`);
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DataError(`${source}: metadata key "${key}" is not valid JSON`, { cause: error });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new DataError(`${source}: metadata key "${key}" is malformed: ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
    return parsed.data;
  };
  const voidClass = json('voidClass', jsonSchemas.voidClass, false);
  return {
    version,
    model: props[METADATA_KEYS.model] ?? 'unknown',
    classes: json('classes', jsonSchemas.classes, true)!,
    ...(voidClass === undefined ? {} : { voidClass }),
    palette: json('palette', jsonSchemas.palette, false),
    preprocessing: json('preprocessing', jsonSchemas.preprocessing, true)!,
    input: json('input', jsonSchemas.input, true)!,
    outputs: json('outputs', jsonSchemas.outputs, true)!,
  };
}
