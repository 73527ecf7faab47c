import { DataError, readSafetensors, type NamedTensors } from '@vidseg/core';
import { loadWeights, type WeightReport } from '../../graph/load-weights.js';
import type { OutputSelection } from '../common/model-options.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { buildEspnet } from './build-espnet.js';
import { detectEspnetArchitecture } from './detect-espnet-architecture.js';

/** A pretrained network: its handle, its weights by parameter name, and what the loading matched. */
export interface PretrainedModel {
  readonly model: SegmentationModel;
  readonly weights: NamedTensors;
  readonly report: WeightReport;
}

/**
 * The pretrained ESPNet of a safetensors file of ../shared/models (encoder-decoder p2q8 CamVid or
 * Cityscapes, p2q3 and p2q5 Cityscapes, the ESPNet-C encoders): variant, p, q and form are read
 * from the file, the graph built to match, and every tensor loaded by name. Any missing,
 * unexpected or mis-shaped tensor is a {@link DataError} naming `source` and each tensor. The
 * extra outputs add no parameters, so they can be selected freely (ESPNet-C has no `auxLogits`).
 *
 * @param bytes - the whole file.
 * @param source - the file name, for messages.
 */
export function pretrainedEspnet(
  bytes: Uint8Array,
  options: { source?: string } & Partial<OutputSelection> = {},
): PretrainedModel {
  const source = options.source ?? 'ESPNet weights';
  const { tensors, metadata } = readSafetensors(bytes, source);
  const architecture = detectEspnetArchitecture(tensors, metadata, source);
  const model = buildEspnet({ ...architecture, features: options.features ?? false, auxLogits: !architecture.encoderOnly && (options.auxLogits ?? false) });
  const { tensors: weights, report } = loadWeights(model.graph, tensors, { source });
  return { model, weights, report };
}
