import { DataError, UsageError } from '@vidseg/core';

/** A model given as bytes, or (in Node) as a file path. */
export type ModelSource = Uint8Array | string;

/** Model bytes and the name to use in messages. */
export interface LoadedModel {
  readonly bytes: Uint8Array;
  readonly source: string;
}

interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
}
interface NodeFsSync {
  readFileSync(path: string): Uint8Array;
}
interface NodePath {
  resolve(...paths: string[]): string;
}

/** A Node built-in module without a static import, so browser bundles never see one. */
function nodeBuiltin<T>(name: string): T | undefined {
  const lookup = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  return lookup?.(name) as T | undefined;
}

function resolvePath(model: string, baseDir: string | undefined): string {
  const path = nodeBuiltin<NodePath>('node:path');
  if (!path) throw new UsageError(`cannot read "${model}": file paths work in Node only`, { hint: 'in a browser, fetch the .onnx file and pass its bytes' });
  return baseDir ? path.resolve(baseDir, model) : path.resolve(model);
}

function unreadable(model: string, error: unknown): DataError {
  return new DataError(`${model}: cannot read the model file (${error instanceof Error ? error.message : String(error)})`, { cause: error });
}

/**
 * The bytes of a model: given bytes pass through (labelled `label`); a path is read from disk
 * (Node only), relative to `baseDir` when given. A missing file is a {@link DataError} naming it.
 */
export async function loadModelSource(model: ModelSource, options: { baseDir?: string; label?: string } = {}): Promise<LoadedModel> {
  if (typeof model !== 'string') return { bytes: model, source: options.label ?? 'ONNX model' };
  const resolved = resolvePath(model, options.baseDir);
  try {
    return { bytes: await nodeBuiltin<NodeFs>('node:fs/promises')!.readFile(resolved), source: model };
  } catch (error) {
    throw unreadable(model, error);
  }
}

/** {@link loadModelSource}, reading synchronously (for plugins built by a container, which cannot wait). */
export function loadModelSourceSync(model: ModelSource, options: { baseDir?: string; label?: string } = {}): LoadedModel {
  if (typeof model !== 'string') return { bytes: model, source: options.label ?? 'ONNX model' };
  const resolved = resolvePath(model, options.baseDir);
  try {
    return { bytes: nodeBuiltin<NodeFsSync>('node:fs')!.readFileSync(resolved), source: model };
  } catch (error) {
    throw unreadable(model, error);
  }
}
