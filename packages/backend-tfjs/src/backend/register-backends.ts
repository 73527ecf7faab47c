import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { backendOptionsSchema, backendRequest } from './backend-request.js';
import { TFJS_ENGINES, type TfjsEngine } from './tfjs-engines.js';

const PACKAGE = '@vidseg/backend-tfjs';

/** Registers the `backend` plugins: each of {@link TFJS_ENGINES} (with its `auto` priority) and `auto`. */
export function registerBackends(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  registry.add({
    kind: 'backend',
    name: 'auto',
    packageName: PACKAGE,
    description: 'Native TensorFlow (tfjs-node-gpu, then tfjs-node) when installed, else wasm; logs the choice and why.',
    options: backendOptionsSchema.pick({ threads: true }),
    factory: (options, context) => backendRequest('auto', backendOptionsSchema.parse(options), context),
  });
  for (const [name, engine] of Object.entries(TFJS_ENGINES) as [keyof typeof TFJS_ENGINES, TfjsEngine][]) {
    registry.add({
      kind: 'backend',
      name,
      packageName: PACKAGE,
      description: engine.description,
      options: backendOptionsSchema.pick(engine.options),
      ...(engine.priority === undefined ? {} : { priority: engine.priority }),
      factory: (options, context) => backendRequest(name, backendOptionsSchema.parse(options), context),
    });
  }
}
