import { inject, injectable, TOKENS, UsageError, type InferenceRuntime, type InferenceSession, type SessionOptions } from '@vidseg/core';
import type { OrtModule } from './ort-module.js';
import { createOrtSession } from './ort-session.js';
import { DEFAULT_RUNTIME_OPTIONS, type OrtRuntimeOptions } from './runtime-options.js';

let ortNode: Promise<OrtModule | undefined> | undefined;

/** onnxruntime-node, or undefined outside Node or when the optional dependency is not installed. */
export function loadOrtNode(): Promise<OrtModule | undefined> {
  ortNode ??= (async () => {
    if (typeof process === 'undefined' || !process.versions?.node) return undefined;
    // A variable specifier keeps browser bundlers from following this optional Node-only import.
    const specifier = 'onnxruntime-node';
    try {
      return (await import(/* @vite-ignore */ specifier)) as OrtModule;
    } catch {
      return undefined;
    }
  })();
  return ortNode;
}

/** onnxruntime-node (native CPU library), when installed; about 2x faster than onnxruntime-web. */
@injectable()
export class OrtNodeRuntime implements InferenceRuntime {
  readonly name = 'ort-node';

  constructor(@inject(TOKENS.pluginOptions) private readonly options: OrtRuntimeOptions = DEFAULT_RUNTIME_OPTIONS) {}

  async isAvailable(): Promise<boolean> {
    return (await loadOrtNode()) !== undefined;
  }

  async createSession(model: Uint8Array, options: SessionOptions = {}): Promise<InferenceSession> {
    const ort = await loadOrtNode();
    if (!ort) {
      throw new UsageError('runtime "ort-node": onnxruntime-node is not installed or this is not Node', {
        hint: 'npm install onnxruntime-node@1.30.0 (with ONNXRUNTIME_NODE_INSTALL=skip, or allowScripts denying its install script, for the CPU build), or use runtime "ort-web"',
      });
    }
    const threads = options.threads ?? this.options.threads;
    return createOrtSession(
      ort,
      model,
      { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', logSeverityLevel: 3 },
      this.name,
    );
  }
}
