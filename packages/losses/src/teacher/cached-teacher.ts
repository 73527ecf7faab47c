import * as tf from '@tensorflow/tfjs-core';
import {
  DataError,
  UsageError,
  float32Tensor,
  readSafetensors,
  writeSafetensors,
  type HostTensor,
  type ImageFrame,
  type NamedTensors,
  type NetworkOutputs,
  type RuntimeTensor,
  type Teacher,
} from '@vidseg/core';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readFileOrUndefined } from '../io/read-file-or-undefined.js';
import { writeFileAtomic } from '@vidseg/core/node';
import { shapeText } from '../tensor/tensor-checks.js';

/** Where and under which identity a {@link CachedTeacher} stores outputs. */
export interface TeacherCacheOptions {
  /** Folder of the cache; created on first write. */
  readonly dir: string;
  /**
   * Identifies the teacher's weights and settings; part of every key, so a changed teacher never
   * reads another's outputs. Defaults to the teacher's name: give a version (e.g. the weights
   * file's hash) when the same name can mean different weights.
   */
  readonly teacherId?: string;
}

/** Counts since the cache was created. */
export interface TeacherCacheStats {
  readonly hits: number;
  readonly misses: number;
}

type OutputRole = keyof NetworkOutputs<tf.Tensor>;
const ROLES: readonly OutputRole[] = ['logits', 'features', 'auxLogits'];

/** What the wrapped teacher returns: tfjs tensors (NHWC), or host tensors (NCHW) as inference runtimes give. */
type TeacherOutput = tf.Tensor | RuntimeTensor;

/**
 * A teacher whose outputs are kept on disk, one safetensors file per frame, and reused across
 * epochs: a batch is answered from the files it finds, and only the missing frames go to the
 * wrapped teacher (in one batch), whose outputs are then written (atomically, so a crash never
 * leaves a partial entry). {@link CachedTeacher.predict} keys frames by a hash of their pixels;
 * {@link CachedTeacher.predictWithKeys} takes the caller's keys. An unreadable entry counts as
 * missing and is rewritten. The wrapped teacher may return tfjs tensors (NHWC) or host tensors in
 * NCHW (the ONNX teacher of `@vidseg/backend-ort`); the cache always answers with NHWC tfjs tensors.
 */
export class CachedTeacher implements Teacher<tf.Tensor> {
  readonly name: string;
  readonly classes: readonly string[];
  private readonly teacherId: string;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly inner: Teacher<tf.Tensor> | Teacher<RuntimeTensor>,
    private readonly options: TeacherCacheOptions,
  ) {
    this.name = inner.name;
    this.classes = inner.classes;
    this.teacherId = options.teacherId ?? inner.name;
  }

  /** Hits and misses so far (frames, not batches). */
  get stats(): TeacherCacheStats {
    return { hits: this.hits, misses: this.misses };
  }

  /** Outputs for `frames`, each frame keyed by a SHA-256 of its size and pixels. */
  predict(frames: readonly ImageFrame[], options?: { features?: boolean }): Promise<NetworkOutputs<tf.Tensor>> {
    return this.predictWithKeys(frames.map(contentKey), frames, options);
  }

  /**
   * Outputs for `frames`, with `keys[i]` naming frame i: the caller guarantees that one key always
   * means the same pixels (e.g. a frame id when frames are not augmented).
   */
  async predictWithKeys(keys: readonly string[], frames: readonly ImageFrame[], options?: { features?: boolean }): Promise<NetworkOutputs<tf.Tensor>> {
    if (keys.length !== frames.length) throw new UsageError(`teacher cache: ${keys.length} keys for ${frames.length} frames`);
    const wantFeatures = options?.features === true;
    const paths = keys.map((key) => this.entryPath(key));
    const entries = await Promise.all(paths.map((path) => this.read(path, wantFeatures)));
    const missing = entries.flatMap((entry, i) => (entry ? [] : [i]));
    this.hits += frames.length - missing.length;
    this.misses += missing.length;
    if (missing.length > 0) {
      const computed = (await this.inner.predict(
        missing.map((i) => frames[i]!),
        options,
      )) as NetworkOutputs<TeacherOutput>;
      try {
        const perFrame = await splitToHost(computed, missing.length, this.name);
        await Promise.all(
          missing.map((frameIndex, j) => {
            entries[frameIndex] = perFrame[j]!;
            return writeFileAtomic(paths[frameIndex]!, writeSafetensors(perFrame[j]!, { teacher: this.teacherId }));
          }),
        );
      } finally {
        disposeOutputs(computed);
      }
    }
    return assemble(entries as NamedTensors[], keys, wantFeatures);
  }

  dispose(): Promise<void> | void {
    return this.inner.dispose();
  }

  private entryPath(key: string): string {
    const hashed = createHash('sha256').update(`${this.teacherId}\n${key}`).digest('hex');
    return join(this.options.dir, hashed.slice(0, 2), `${hashed}.safetensors`);
  }

  private async read(path: string, wantFeatures: boolean): Promise<NamedTensors | undefined> {
    const bytes = await readFileOrUndefined(path);
    if (!bytes) return undefined;
    try {
      const { tensors } = readSafetensors(bytes, path);
      if (!tensors.has('logits') || (wantFeatures && !tensors.has('features'))) return undefined;
      return tensors;
    } catch {
      return undefined;
    }
  }
}

/** SHA-256 of a frame's size, channel count and pixels. */
function contentKey(frame: ImageFrame): string {
  return createHash('sha256')
    .update(`${frame.width}x${frame.height}x${frame.channels}\n`)
    .update(frame.data)
    .digest('hex');
}

/** Each frame's outputs in host memory, as [h, w, C] tensors by role. */
async function splitToHost(outputs: NetworkOutputs<TeacherOutput>, frames: number, teacher: string): Promise<NamedTensors[]> {
  const perFrame: NamedTensors[] = Array.from({ length: frames }, () => new Map());
  for (const role of ROLES) {
    const output = outputs[role];
    if (!output) continue;
    const shape = output instanceof tf.Tensor ? output.shape : output.dims;
    if (shape[0] !== frames) {
      throw new UsageError(`teacher cache: teacher "${teacher}" returned ${role} ${shapeText(shape)} for a batch of ${frames} frame(s)`);
    }
    const frameTensors = output instanceof tf.Tensor ? await nhwcFrames(output) : nchwFrames(output, `teacher cache: teacher "${teacher}" output ${role}`);
    perFrame.forEach((map, i) => map.set(role, frameTensors[i]!));
  }
  return perFrame;
}

/** The frames of a tfjs [N, ...] tensor, each [...] in host memory. */
async function nhwcFrames(tensor: tf.Tensor): Promise<HostTensor[]> {
  const data = (await tensor.data()) as Float32Array;
  const [frames, ...frameShape] = tensor.shape;
  const size = data.length / frames!;
  return Array.from({ length: frames! }, (_, i) => float32Tensor(frameShape, data.slice(i * size, (i + 1) * size)));
}

/** The frames of a float32 NCHW host tensor, each transposed to [h, w, C]. */
function nchwFrames(tensor: RuntimeTensor, what: string): HostTensor[] {
  if (tensor.type !== 'float32' || tensor.dims.length !== 4) {
    throw new DataError(`${what}: expected a float32 N x C x H x W host tensor, got ${tensor.type} ${shapeText(tensor.dims)}`);
  }
  const [frames, channels, height, width] = tensor.dims as [number, number, number, number];
  const source = tensor.data as Float32Array;
  const plane = height * width;
  return Array.from({ length: frames }, (_, n) => {
    const data = new Float32Array(plane * channels);
    for (let c = 0; c < channels; c++) {
      const from = (n * channels + c) * plane;
      for (let p = 0; p < plane; p++) data[p * channels + c] = source[from + p]!;
    }
    return float32Tensor([height, width, channels], data);
  });
}

/** The batch's outputs as tensors: each role's frames stacked in order. */
function assemble(entries: readonly NamedTensors[], keys: readonly string[], wantFeatures: boolean): NetworkOutputs<tf.Tensor> {
  const stack = (role: OutputRole): tf.Tensor | undefined => {
    const parts = entries.map((entry) => entry.get(role));
    if (parts.some((part) => part === undefined)) return undefined;
    const first = parts[0] as HostTensor;
    parts.forEach((part, i) => {
      if (shapeText(part!.shape) !== shapeText(first.shape)) {
        throw new UsageError(`teacher cache: ${role} of "${keys[i]}" is ${shapeText(part!.shape)}, of "${keys[0]}" ${shapeText(first.shape)}: frames of one batch must have one size`);
      }
    });
    return tf.tidy(() => tf.stack(parts.map((part) => tf.tensor(part!.data as Float32Array, [...part!.shape]))));
  };
  const logits = stack('logits')!;
  const features = wantFeatures ? stack('features') : undefined;
  const auxLogits = stack('auxLogits');
  return { logits, ...(features ? { features } : {}), ...(auxLogits ? { auxLogits } : {}) };
}

/** Frees the tfjs tensors among the teacher's outputs (host tensors need nothing). */
function disposeOutputs(outputs: NetworkOutputs<TeacherOutput>): void {
  tf.dispose(ROLES.map((role) => outputs[role]).filter((t): t is tf.Tensor => t instanceof tf.Tensor));
}
