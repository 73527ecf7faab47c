import { DataError, UsageError, elementCount, type InferenceSession, type RuntimeDataType, type RuntimeTensor } from '@vidseg/core';
import type { OrtInferenceSession, OrtModule, OrtSessionOptions, OrtTensor } from './ort-module.js';

const RUNTIME_TYPES: readonly string[] = ['float32', 'uint8', 'int32', 'int64'] satisfies RuntimeDataType[];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Creates an onnxruntime session from model bytes; a model ONNX Runtime cannot load is a
 * {@link DataError} that quotes its reason.
 */
export async function createOrtSession(ort: OrtModule, model: Uint8Array, options: OrtSessionOptions, runtime: string): Promise<OrtSession> {
  let session: OrtInferenceSession;
  try {
    session = await ort.InferenceSession.create(model, options);
  } catch (error) {
    throw new DataError(`${runtime}: ONNX Runtime could not load the model: ${message(error)}`, {
      cause: error,
      hint: 'check that the file is a complete .onnx model (export or download it again)',
    });
  }
  return new OrtSession(session, ort, runtime);
}

/**
 * An onnxruntime session behind the core {@link InferenceSession} contract. Feeds are checked
 * against the model's declared inputs (names, element types, fixed dims) before running, so a
 * wrong input is a {@link UsageError} that names the tensor; tensors cross without copies.
 */
export class OrtSession implements InferenceSession {
  constructor(
    private readonly session: OrtInferenceSession,
    private readonly ort: OrtModule,
    /** The runtime that made it, for messages. */
    readonly runtime: string,
  ) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  async run(feeds: Readonly<Record<string, RuntimeTensor>>, outputNames?: readonly string[]): Promise<Record<string, RuntimeTensor>> {
    this.checkFeeds(feeds);
    const unknown = outputNames?.find((name) => !this.outputNames.includes(name));
    if (unknown !== undefined) throw new UsageError(`${this.runtime}: the model has no output "${unknown}"; its outputs are ${this.outputNames.join(', ')}`);
    const ortFeeds: Record<string, OrtTensor> = {};
    for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = new this.ort.Tensor(tensor.type, tensor.data, tensor.dims);
    let results: Record<string, OrtTensor>;
    try {
      results = outputNames ? await this.session.run(ortFeeds, [...outputNames]) : await this.session.run(ortFeeds);
    } catch (error) {
      throw new DataError(`${this.runtime}: the model failed to run: ${message(error)}`, { cause: error });
    }
    const outputs: Record<string, RuntimeTensor> = {};
    for (const [name, tensor] of Object.entries(results)) {
      if (!RUNTIME_TYPES.includes(tensor.type)) {
        throw new DataError(`${this.runtime}: output "${name}" has element type ${tensor.type}; vidseg reads ${RUNTIME_TYPES.join(', ')}`);
      }
      outputs[name] = { type: tensor.type as RuntimeDataType, dims: tensor.dims, data: tensor.data as RuntimeTensor['data'] };
    }
    return outputs;
  }

  release(): Promise<void> {
    return this.session.release();
  }

  private checkFeeds(feeds: Readonly<Record<string, RuntimeTensor>>): void {
    const expected = new Map(this.session.inputMetadata.map((m) => [m.name, m]));
    for (const name of Object.keys(feeds)) {
      if (!expected.has(name)) throw new UsageError(`${this.runtime}: the model has no input "${name}"; its inputs are ${this.inputNames.join(', ')}`);
    }
    for (const [name, meta] of expected) {
      const tensor = feeds[name];
      if (!tensor) throw new UsageError(`${this.runtime}: input "${name}" is missing; the model's inputs are ${this.inputNames.join(', ')}`);
      if (!meta.isTensor) continue;
      const shape = meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : '?'));
      const fits =
        tensor.type === meta.type &&
        tensor.dims.length === shape.length &&
        tensor.dims.every((d, i) => shape[i] === '?' || shape[i] === d);
      if (!fits) {
        throw new UsageError(`${this.runtime}: input "${name}" must be ${meta.type} [${shape.join(', ')}], got ${tensor.type} [${tensor.dims.join(', ')}]`);
      }
      if (tensor.data.length !== elementCount(tensor.dims)) {
        throw new UsageError(`${this.runtime}: input "${name}" has ${tensor.data.length} elements for dims [${tensor.dims.join(', ')}] (${elementCount(tensor.dims)} needed)`);
      }
    }
  }
}
