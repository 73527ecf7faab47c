import { DataError, type NamedTensors } from '@vidseg/core';
import { ESPNET_VARIANTS, type EspnetVariant } from './espnet-variants.js';

/** The `espnet` model options that a weights file determines. */
export interface EspnetArchitecture {
  readonly variant: EspnetVariant;
  readonly p: number;
  readonly q: number;
  readonly encoderOnly: boolean;
}

/** How many regular blocks `<prefix>level<n>.<i>` the file holds (their `c1` convs counted). */
function countBlocks(tensors: NamedTensors, prefix: string): number {
  const pattern = new RegExp(`^${prefix.replaceAll('.', '\\.')}(\\d+)\\.c1\\.conv\\.weight$`);
  return [...tensors.keys()].filter((name) => pattern.test(name)).length;
}

/**
 * The ESPNet variant, depth and form of a weights file: ESPNet-C files have the encoder's tensors
 * without the `encoder.` prefix and no decoder; p and q are the numbers of regular ESP blocks at
 * levels 2 and 3; the variant is the `variant` metadata when present, else the class count of the
 * last classifier (12 outputs: CamVid, 20: Cityscapes).
 */
export function detectEspnetArchitecture(tensors: NamedTensors, metadata: Readonly<Record<string, string>>, source: string): EspnetArchitecture {
  const encoderOnly = !tensors.has('classifier.weight') && tensors.has('classifier.conv.weight');
  const prefix = encoderOnly ? '' : 'encoder.';
  const classifier = tensors.get(encoderOnly ? 'classifier.conv.weight' : 'classifier.weight');
  const outputs = classifier?.shape[encoderOnly ? 0 : 1];
  const declared = metadata.variant;
  const variant =
    declared === 'camvid' || declared === 'cityscapes'
      ? declared
      : (Object.keys(ESPNET_VARIANTS) as EspnetVariant[]).find((v) => ESPNET_VARIANTS[v].classes.length === outputs);
  const p = countBlocks(tensors, `${prefix}level2.`);
  const q = countBlocks(tensors, `${prefix}level3.`);
  if (!variant || p === 0 || q === 0) {
    const shape = classifier ? `[${classifier.shape.join(', ')}]` : 'absent';
    throw new DataError(
      `${source}: not an ESPNet weights file: no "variant" metadata and tensor "classifier.weight" is ${shape}, ` +
        `expected [K, K, 2, 2] with K = 12 (CamVid) or 20 (Cityscapes), or an ESPNet-C "classifier.conv.weight" [K, 256, 1, 1]` +
        (p === 0 || q === 0 ? `; found ${p} level-2 and ${q} level-3 ESP blocks` : ''),
    );
  }
  return { variant, p, q, encoderOnly };
}
