import { entryLocation, validateOptions, type ModelHandle, type NamedTensors, type VidsegConfig } from '@vidseg/core';
import { exportOnnx, exportOptionsSchema, type ResolvedExportOptions } from '@vidseg/backend-ort';
import { writeFileAtomic } from '@vidseg/core/node';
import type { Graph } from '@vidseg/models';

/**
 * What `vidseg` exports unless the config's `export` section says otherwise: a model that takes
 * a uint8 RGB image of any size and returns the label map, so `vidseg infer` and apps need only it.
 */
export const CLI_EXPORT_DEFAULTS = { image: 'rgb', outputs: ['labels'], inputSize: 'dynamic' } as const;

/** The config's export options over the CLI defaults, validated (errors at `export.*`). */
export function exportOptionsOf(config: VidsegConfig, file?: string): ResolvedExportOptions {
  return validateOptions(exportOptionsSchema, { ...CLI_EXPORT_DEFAULTS, ...config.export }, entryLocation('export', file), 'the ONNX exporter');
}

/** Exports `model` with `weights` to an ONNX file (written atomically); returns its size in bytes. */
export async function exportModelFile(path: string, model: ModelHandle<Graph>, weights: NamedTensors, options: ResolvedExportOptions): Promise<number> {
  const bytes = exportOnnx(model, weights, options);
  await writeFileAtomic(path, bytes);
  return bytes.length;
}
