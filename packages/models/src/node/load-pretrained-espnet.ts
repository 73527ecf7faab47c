import { readFile } from 'node:fs/promises';
import { DataError } from '@vidseg/core';
import type { OutputSelection } from '../zoo/common/model-options.js';
import { pretrainedEspnet, type PretrainedModel } from '../zoo/espnet/pretrained-espnet.js';

/**
 * The pretrained ESPNet of the safetensors file at `path` (e.g.
 * `../shared/models/espnet-camvid.safetensors`): handle, weights by name and the loading report.
 * Node only (reads the file); in a browser, fetch the bytes and call `pretrainedEspnet`.
 */
export async function loadPretrainedEspnet(path: string, selection: Partial<OutputSelection> = {}): Promise<PretrainedModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DataError(`${path}: cannot read the ESPNet weights file (${(error as Error).message})`, {
      cause: error,
      hint: 'the pretrained files live in ../shared/models (set VIDSEG_SHARED if it is elsewhere)',
    });
  }
  return pretrainedEspnet(bytes, { ...selection, source: path });
}
