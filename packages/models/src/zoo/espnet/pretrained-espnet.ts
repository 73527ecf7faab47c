import { DataError, readSafetensors, type NamedTensors } from '@vidseg/core';
import { loadWeights, type WeightReport } from '../../graph/load-weights.js';
import type { OutputSelection } from '../common/model-options.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { buildEspnet } from './build-espnet.js';
import { ESPNET_VARIANTS, type EspnetVariant } from './espnet-variants.js';

/** A pretrained network: its handle, its weights by parameter name, and what the loading matched. */
export interface PretrainedModel {
  readonly model: SegmentationModel;
  readonly weights: NamedTensors;
  readonly report: WeightReport;
}

/**
 * The variant of an ESPNet weights file: its `variant` metadata when present, else its class
 * count (12 outputs: CamVid, 20: Cityscapes).
 */
function detectVariant(tensors: NamedTensors, metadata: Readonly<Record<string, string>>, source: string): EspnetVariant {
  const declared = metadata.variant;
  if (declared === 'camvid' || declared === 'cityscapes') return declared;
  const classifier = tensors.get('classifier.weight');
  const outputs = classifier?.shape[1];
  const match = (Object.keys(ESPNET_VARIANTS) as EspnetVariant[]).find((v) => ESPNET_VARIANTS[v].classes.length === outputs);
  if (match) return match;
  throw new DataError(
    `${source}: not an ESPNet weights file: no "variant" metadata and tensor "classifier.weight" is ` +
      `${classifier ? `[${classifier.shape.join(', ')}]` : 'absent'}, expected [K, K, 2, 2] with K = 12 (CamVid) or 20 (Cityscapes)`,
  );
}

/**
 * The pretrained ESPNet (p = 2, q = 8) of a safetensors file such as
 * ../shared/models/espnet-camvid.safetensors: the variant is read from the file, the graph built
 * to match, and every tensor loaded by name. Any missing, unexpected or mis-shaped tensor is a
 * {@link DataError} naming `source` and each tensor. The extra outputs add no parameters, so they
 * can be selected freely.
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
  const variant = detectVariant(tensors, metadata, source);
  const model = buildEspnet({ variant, features: options.features ?? false, auxLogits: options.auxLogits ?? false });
  const { tensors: weights, report } = loadWeights(model.graph, tensors, { source });
  return { model, weights, report };
}
