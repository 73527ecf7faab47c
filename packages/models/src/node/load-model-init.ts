import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DataError, readSafetensors, type NamedTensors } from '@vidseg/core';
import type { Graph } from '../graph/graph-types.js';
import { initFromWeights, type InitFromWeightsOptions, type InitReport } from '../graph/init-from-weights.js';

/** A `model.init` entry of the config (see core's `modelInitSchema`). */
export interface ModelInitEntry extends Omit<InitFromWeightsOptions, 'seed' | 'source'> {
  /** The safetensors file, absolute or relative to `baseDir`. */
  readonly file: string;
}

/**
 * The initial parameters of `graph` from the `model.init` file (read from disk, relative paths
 * against `baseDir`): loaded by name where they fit, the rest initialised with `seed`, and the
 * report. A file that cannot be read, is not safetensors or matches nothing is a DataError naming it.
 */
export async function loadModelInit(graph: Graph, init: ModelInitEntry, options: { seed: number; baseDir?: string }): Promise<{ tensors: NamedTensors; report: InitReport }> {
  const source = resolve(options.baseDir ?? '.', init.file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(source);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a folder, not a safetensors file' : `cannot be read (${(error as Error).message})`;
    throw new DataError(`model.init.file ${source} ${reason}`, { cause: error, hint: 'model.init.file is relative to the config file; --init is relative to the working directory' });
  }
  const { tensors } = readSafetensors(bytes, source);
  return initFromWeights(graph, tensors, { ...init, seed: options.seed, source });
}

/** One line per list of an {@link InitReport}, for logs. */
export function describeInitReport(report: InitReport): string {
  const mismatch = report.shapeMismatches.map((m) => `${m.name} [${m.found.join(', ')}] -> [${m.expected.join(', ')}]`);
  return [
    `initialised from ${report.source}: ${report.loaded.length} tensors loaded`,
    `${report.skippedByShape.length} skipped by shape${mismatch.length ? ` (${mismatch.slice(0, 3).join('; ')}${mismatch.length > 3 ? '; ...' : ''})` : ''}`,
    `${report.skippedByPattern.length} skipped by pattern`,
    `${report.notFound.length} not in the file`,
    ...(report.unused.length ? [`${report.unused.length} file tensors unused`] : []),
  ].join(', ');
}
