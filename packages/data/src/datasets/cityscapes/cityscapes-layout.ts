import { DataError } from '@vidseg/core';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameFile } from '../frame-file.js';

const NAME = /^([a-z_]+)_(\d{6})_(\d{6})_(leftImg8bit|gtFine_labelIds)\.png$/;

function cities(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Frames named `<city>_<sequence>_<frame>_<suffix>.png` in the city folders under `folder`. */
function framesIn(folder: string, suffix: string, file: (city: string, base: string) => Pick<FrameFile, 'image' | 'label'>): FrameFile[] {
  const frames: FrameFile[] = [];
  for (const city of cities(folder)) {
    for (const name of readdirSync(join(folder, city)).sort()) {
      const match = NAME.exec(name);
      if (!match || match[4] !== suffix) continue;
      const base = `${match[1]}_${match[2]}_${match[3]}`;
      frames.push({ id: base, sequence: `${match[1]}_${match[2]}`, index: Number(match[3]), ...file(city, base) });
    }
  }
  return frames;
}

/**
 * The Cityscapes frames of `split`: labelled frames from gtFine (labelIds) with their leftImg8bit
 * images, and every frame of leftImg8bit_sequence (when present) as neighbours.
 */
export function listCityscapes(root: string, split: string): { labelled: FrameFile[]; sequenceFrames: FrameFile[]; source: string } {
  const gt = join(root, 'gtFine', split);
  if (!existsSync(gt)) {
    throw new DataError(`Cityscapes folder ${gt} not found; expected <root>/gtFine/<split>/<city>/<city>_<seq>_<frame>_gtFine_labelIds.png and <root>/leftImg8bit/<split>/...`, {
      hint: 'set the dataset root to the folder that holds gtFine/ and leftImg8bit/',
    });
  }
  const labelled = framesIn(gt, 'gtFine_labelIds', (city, base) => ({
    image: join(root, 'leftImg8bit', split, city, `${base}_leftImg8bit.png`),
    label: join(gt, city, `${base}_gtFine_labelIds.png`),
  }));
  const sequenceFolder = join(root, 'leftImg8bit_sequence', split);
  const sequenceFrames = existsSync(sequenceFolder) ? framesIn(sequenceFolder, 'leftImg8bit', (city, base) => ({ image: join(sequenceFolder, city, `${base}_leftImg8bit.png`) })) : [];
  return { labelled, sequenceFrames, source: gt };
}
