import { inject, injectable, TOKENS, type InferenceRuntime, type InferenceSession, type SessionOptions } from '@vidseg/core';
import type { OrtModule } from './ort-module.js';
import { createOrtSession } from './ort-session.js';
import { DEFAULT_RUNTIME_OPTIONS, type OrtRuntimeOptions } from './runtime-options.js';

let ortWeb: Promise<OrtModule> | undefined;

/** onnxruntime-web, loaded on first use (the main entry works in Node and browsers; `/wasm` does not load in Node). */
export function loadOrtWeb(): Promise<OrtModule> {
  ortWeb ??= import('onnxruntime-web');
  return ortWeb;
}

/**
 * onnxruntime-web on its WebAssembly (CPU) execution provider, in Node and browsers. The thread
 * count is process-wide: the first session fixes it.
 */
@injectable()
export class OrtWebRuntime implements InferenceRuntime {
  readonly name: string = 'ort-web';

  constructor(@inject(TOKENS.pluginOptions) private readonly options: OrtRuntimeOptions = DEFAULT_RUNTIME_OPTIONS) {}

  async isAvailable(): Promise<boolean> {
    try {
      await loadOrtWeb();
      return true;
    } catch {
      return false;
    }
  }

  async createSession(model: Uint8Array, options: SessionOptions = {}): Promise<InferenceSession> {
    const ort = await loadOrtWeb();
    ort.env.wasm.numThreads = options.threads ?? this.options.threads;
    return createOrtSession(ort, model, { executionProviders: this.executionProviders(), graphOptimizationLevel: 'all', logSeverityLevel: 3 }, this.name);
  }

  /** Execution providers in order of preference. */
  protected executionProviders(): string[] {
    return ['wasm'];
  }
}
