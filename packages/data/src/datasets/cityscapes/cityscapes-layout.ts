import { DataError } from '@vidseg/core';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { isImageFile } from '../../io/image-extensions.js';
import type { FrameFile } from '../frame-file.js';

/** `<city>_<sequence>_<frame>_<suffix>.<ext>`; label maps are PNG, images any format the decoder reads. */
const NAME = /^([a-z_]+)_(\d{6})_(\d{6})_(leftImg8bit|gtFine_labelIds)\.[a-z]+$/i;

function cities(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Frames named `<city>_<sequence>_<frame>_<suffix>.<ext>` in the city folders under `folder`:
 * label maps (`gtFine_labelIds`) as PNG, images as any format the decoder reads (PNG, JPEG, WebP).
 */
function framesIn(folder: string, suffix: string, file: (city: string, base: string, name: string) => Pick<FrameFile, 'image' | 'label'>): FrameFile[] {
  const frames: FrameFile[] = [];
  for (const city of cities(folder)) {
    for (const name of readdirSync(join(folder, city)).sort()) {
      const match = NAME.exec(name);
      if (!match || match[4] !== suffix) continue;
      if (suffix === 'leftImg8bit' ? !isImageFile(name) : extname(name).toLowerCase() !== '.png') continue;
      const base = `${match[1]}_${match[2]}_${match[3]}`;
      frames.push({ id: base, sequence: `${match[1]}_${match[2]}`, index: Number(match[3]), ...file(city, base, name) });
    }
  }
  return frames;
}

/**
 * The image of `base` in `folder`: whichever decodable `<base>_leftImg8bit.<ext>` exists (the PNG
 * name when none does, for the missing-file error). `listings` caches each folder's file names.
 */
function imageOf(folder: string, base: string, listings: Map<string, readonly string[]>): string {
  let names = listings.get(folder);
  if (!names) listings.set(folder, (names = existsSync(folder) ? readdirSync(folder) : []));
  const found = names.find((name) => name.startsWith(`${base}_leftImg8bit.`) && isImageFile(name));
  return join(folder, found ?? `${base}_leftImg8bit.png`);
}

/**
 * The Cityscapes frames of `split`: labelled frames from gtFine (labelIds) with their leftImg8bit
 * images, and every frame of leftImg8bit_sequence (when present) as neighbours.
 */
export function listCityscapes(root: string, split: string): { labelled: FrameFile[]; sequenceFrames: FrameFile[]; source: string } {
  const gt = join(root, 'gtFine', split);
  if (!existsSync(gt)) {
    throw new DataError(`Cityscapes folder ${gt} not found; expected <root>/gtFine/<split>/<city>/<city>_<seq>_<frame>_gtFine_labelIds.png and <root>/leftImg8bit/<split>/<city>/<city>_<seq>_<frame>_leftImg8bit.<png|jpg|webp>`, {
      hint: 'set the dataset root to the folder that holds gtFine/ and leftImg8bit/',
    });
  }
  const listings = new Map<string, readonly string[]>();
  const labelled = framesIn(gt, 'gtFine_labelIds', (city, base) => ({
    image: imageOf(join(root, 'leftImg8bit', split, city), base, listings),
    label: join(gt, city, `${base}_gtFine_labelIds.png`),
  }));
  const sequenceFolder = join(root, 'leftImg8bit_sequence', split);
  const sequenceFrames = existsSync(sequenceFolder) ? framesIn(sequenceFolder, 'leftImg8bit', (city, _base, name) => ({ image: join(sequenceFolder, city, name) })) : [];
  return { labelled, sequenceFrames, source: gt };
}
