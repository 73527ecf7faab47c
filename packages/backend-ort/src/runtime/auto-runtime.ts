import { inject, injectable, TOKENS, type InferenceRuntime, type InferenceSession, type SessionOptions } from '@vidseg/core';
import { OrtNodeRuntime } from './ort-node-runtime.js';
import { OrtWebRuntime } from './ort-web-runtime.js';
import { DEFAULT_RUNTIME_OPTIONS, type OrtRuntimeOptions } from './runtime-options.js';

/**
 * The fastest ONNX Runtime available here: onnxruntime-node when it is installed (in Node), else
 * onnxruntime-web. Name a runtime explicitly (`ort-web`) to override the choice.
 */
@injectable()
export class AutoRuntime implements InferenceRuntime {
  readonly name = 'auto';
  private chosen: Promise<InferenceRuntime> | undefined;
  private readonly candidates: readonly InferenceRuntime[];

  constructor(@inject(TOKENS.pluginOptions) options: OrtRuntimeOptions = DEFAULT_RUNTIME_OPTIONS) {
    this.candidates = [new OrtNodeRuntime(options), new OrtWebRuntime(options)];
  }

  /** The runtime this one delegates to (decided on first use). */
  choose(): Promise<InferenceRuntime> {
    this.chosen ??= (async () => {
      for (const candidate of this.candidates) if (await candidate.isAvailable()) return candidate;
      return this.candidates[this.candidates.length - 1]!;
    })();
    return this.chosen;
  }

  async isAvailable(): Promise<boolean> {
    return (await this.choose()).isAvailable();
  }

  async createSession(model: Uint8Array, options?: SessionOptions): Promise<InferenceSession> {
    return (await this.choose()).createSession(model, options);
  }
}
