import { UsageError, didYouMean, pluginRegistry, type DependencyContainer, type InferenceRuntime } from '@vidseg/core';
import { AutoRuntime } from './auto-runtime.js';
import { builtInRuntimes, type RUNTIME_NAMES } from './register-runtimes.js';
import type { OrtRuntimeOptions } from './runtime-options.js';

/** A runtime name of this package, or any {@link InferenceRuntime}. */
export type RuntimeChoice = (typeof RUNTIME_NAMES)[number] | InferenceRuntime;

/**
 * The runtime a choice names, checked to be usable here; `auto` (the default) resolves to the
 * usable registered runtime of highest priority (onnxruntime-node when installed, else
 * onnxruntime-web). Names are looked up among the runtimes registered in `container` (default:
 * this package's). An unknown or unavailable runtime is a {@link UsageError} saying what to do.
 */
export async function resolveRuntime(
  choice: RuntimeChoice = 'auto',
  options: OrtRuntimeOptions = { threads: 1 },
  container: DependencyContainer = builtInRuntimes(),
): Promise<InferenceRuntime> {
  let runtime: InferenceRuntime;
  if (typeof choice === 'string') {
    const registry = pluginRegistry(container);
    if (!registry.has('runtime', choice)) {
      const known = registry.names('runtime');
      throw new UsageError(`unknown runtime "${choice}"${didYouMean(choice, known)}; known runtimes: ${known.join(', ')}`);
    }
    runtime = registry.create(container, 'runtime', { type: choice, ...options });
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
