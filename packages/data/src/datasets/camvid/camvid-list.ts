import { DataError } from '@vidseg/core';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FrameFile } from '../frame-file.js';

/** Sequence and video frame index from a CamVid file name: `0016E5_07959.png`, `0006R0_f00930.png`. */
export function parseCamvidName(file: string): { sequence: string; index: number; id: string } | undefined {
  const id = basename(file).replace(/\.png$/i, '');
  const match = /^(.+)_f?(\d+)$/.exec(id);
  return match ? { sequence: match[1]!, index: Number(match[2]), id } : undefined;
}

/**
 * Reads `<root>/<split>.txt` (one `image label` pair per line, paths relative to root). A missing
 * list or a malformed line is a DataError naming the file and line.
 */
export function readCamvidList(root: string, split: string): { listFile: string; frames: FrameFile[] } {
  const listFile = join(root, `${split}.txt`);
  if (!existsSync(listFile)) {
    throw new DataError(`CamVid list ${listFile} not found; expected the SegNet layout: ${split}.txt with one "image label" pair per line`, {
      hint: 'set the dataset root to the folder holding train.txt, val.txt and test.txt',
    });
  }
  const frames: FrameFile[] = [];
  readFileSync(listFile, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      const parts = line.split(/\s+/);
      const name = parts.length === 2 ? parseCamvidName(parts[0]!) : undefined;
      if (!name) {
        throw new DataError(`${listFile}:${i + 1}: expected "<split>/<sequence>_<frame>.png <split>annot/<sequence>_<frame>.png", got "${line}"`);
      }
      frames.push({ ...name, image: join(root, parts[0]!), label: join(root, parts[1]!) });
    });
  return { listFile, frames };
}
