import { UsageError, didYouMean, type InferenceRuntime } from '@vidseg/core';
import { AutoRuntime } from './auto-runtime.js';
import { OrtNodeRuntime } from './ort-node-runtime.js';
import { OrtWebGpuRuntime } from './ort-webgpu-runtime.js';
import { OrtWebRuntime } from './ort-web-runtime.js';
import type { OrtRuntimeOptions } from './runtime-options.js';

/** The runtimes this package provides, by name. */
export const RUNTIME_NAMES = ['auto', 'ort-node', 'ort-web', 'ort-webgpu'] as const;

/** A runtime name of this package, or any {@link InferenceRuntime}. */
export type RuntimeChoice = (typeof RUNTIME_NAMES)[number] | InferenceRuntime;

const RUNTIMES: Readonly<Record<(typeof RUNTIME_NAMES)[number], new (options: OrtRuntimeOptions) => InferenceRuntime>> = {
  auto: AutoRuntime,
  'ort-node': OrtNodeRuntime,
  'ort-web': OrtWebRuntime,
  'ort-webgpu': OrtWebGpuRuntime,
};

/**
 * The runtime a choice names, checked to be usable here; `auto` (the default) resolves to
 * onnxruntime-node when installed, else onnxruntime-web. An unknown or unavailable runtime is a
 * {@link UsageError} saying what to do.
 */
export async function resolveRuntime(choice: RuntimeChoice = 'auto', options: OrtRuntimeOptions = { threads: 1 }): Promise<InferenceRuntime> {
  let runtime: InferenceRuntime;
  if (typeof choice === 'string') {
    const make = RUNTIMES[choice as keyof typeof RUNTIMES] as (typeof RUNTIMES)[keyof typeof RUNTIMES] | undefined;
    if (!make) throw new UsageError(`unknown runtime "${choice}"${didYouMean(choice, RUNTIME_NAMES)}; known runtimes: ${RUNTIME_NAMES.join(', ')}`);
    runtime = new make(options);
  } else {
    runtime = choice;
  }
  if (runtime instanceof AutoRuntime) runtime = await runtime.choose();
  if (!(await runtime.isAvailable())) {
    const hints: Readonly<Record<string, string>> = {
      'ort-node': 'install onnxruntime-node (Node only), or use runtime "ort-web"',
      'ort-webgpu': 'WebGPU needs a browser with navigator.gpu and an adapter; use "ort-web" elsewhere',
    };
    throw new UsageError(`runtime "${runtime.name}" is not available here`, { hint: hints[runtime.name] ?? 'use runtime "auto"' });
  }
  return runtime;
}
