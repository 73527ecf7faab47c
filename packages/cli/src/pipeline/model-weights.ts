import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataError, entryLocation, modelPluginEntry, pluginRegistry, readSafetensors, UsageError, type DependencyContainer, type NamedTensors, type VidsegConfig } from '@vidseg/core';
import { CheckpointStore, checkpointWeights } from '@vidseg/backend-tfjs';
import { loadWeights, segmentationModel, type SegmentationModel } from '@vidseg/models';

/** Where trained weights come from: a checkpoint, a run folder's latest checkpoint, or a safetensors file. */
export interface WeightsSource {
  /** A checkpoint folder (`step-N`) or a checkpoints folder (its latest). */
  readonly checkpoint?: string;
  /** A run folder: its latest checkpoint. */
  readonly runDir?: string;
  /** A safetensors file of plain weights in PyTorch naming (e.g. the shared ESPNet weights). */
  readonly weights?: string;
}

/**
 * The config's model and its trained weights, checked against the model's parameters by name and
 * shape (missing, unexpected or mis-shaped tensors are an error listing them).
 */
export async function loadModelWithWeights(
  run: DependencyContainer,
  config: VidsegConfig,
  source: WeightsSource,
  configFile?: string,
): Promise<{ model: SegmentationModel; weights: NamedTensors; source: string }> {
  const model = segmentationModel(pluginRegistry(run).create(run, 'model', modelPluginEntry(config.model), entryLocation('model', configFile)));
  let tensors: NamedTensors;
  let from: string;
  if (source.weights) {
    from = resolve(source.weights);
    assertWeightsFile(from);
    tensors = readSafetensors(new Uint8Array(await readFile(from)), from).tensors;
  } else if (source.checkpoint || source.runDir) {
    const folder = resolve(source.checkpoint ?? join(source.runDir!, 'checkpoints'));
    const checkpoint = existsSync(join(folder, 'latest.json')) ? await new CheckpointStore(folder).loadLatest() : await CheckpointStore.load(folder);
    if (!checkpoint) throw new UsageError(`${folder} holds no checkpoint yet`);
    from = checkpoint.path;
    tensors = checkpointWeights(checkpoint);
  } else {
    throw new UsageError('no weights given', { hint: 'pass --run-dir <run>, --checkpoint <folder> or --weights <file.safetensors>' });
  }
  return { model, weights: loadWeights(model.graph, tensors, { source: from }).tensors, source: from };
}

/** A missing `--weights` file or a folder in its place is a data error naming it, like a missing model or teacher file. */
function assertWeightsFile(path: string): void {
  if (!existsSync(path)) throw new DataError(`weights file not found: ${path}`, { hint: 'check the --weights path (a safetensors file of plain weights)' });
  if (statSync(path).isDirectory()) throw new DataError(`${path} is a folder; --weights takes a safetensors file`, { hint: 'for a checkpoint folder use --checkpoint <folder>' });
}
