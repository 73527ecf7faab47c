/** Element types that cross the inference API. */
export type RuntimeDataType = 'float32' | 'uint8' | 'int32' | 'int64';

/** A tensor in host memory, as inference sessions take and return it. */
export interface RuntimeTensor {
  readonly type: RuntimeDataType;
  readonly dims: readonly number[];
  readonly data: Float32Array | Uint8Array | Int32Array | BigInt64Array;
}

/** A loaded model, ready to run. */
export interface InferenceSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Runs the model. With `outputNames`, only those outputs are computed and returned (a model may
   * skip work, e.g. its softmax, when its output is not wanted); all of them otherwise.
   */
  run(feeds: Readonly<Record<string, RuntimeTensor>>, outputNames?: readonly string[]): Promise<Record<string, RuntimeTensor>>;
  release(): Promise<void>;
}

/** Options shared by every runtime. */
export interface SessionOptions {
  /** Intra-op threads; 1 is fastest on small machines and the default. */
  readonly threads?: number;
}

/** An inference engine (onnxruntime-web, onnxruntime-node, ...). */
export interface InferenceRuntime {
  /** Registered name, e.g. `ort-web`. */
  readonly name: string;
  /** Whether the runtime can be used in this process (its package is installed, etc.). */
  isAvailable(): Promise<boolean>;
  /** Loads a serialized model (e.g. ONNX bytes). */
  createSession(model: Uint8Array, options?: SessionOptions): Promise<InferenceSession>;
}
