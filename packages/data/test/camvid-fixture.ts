import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageFrame } from '@vidseg/core';
import { writePng } from '../src/io/write-png.js';
import { texturedImage } from './fake-dataset.js';

/**
 * Writes a tiny CamVid (SegNet layout; by default 16x12 frames, `image(i)` for the i-th frame of a
 * split otherwise) with the given frame names per split; returns its root.
 */
export async function writeTinyCamvid(splits: Record<string, readonly string[]>, image: (i: number) => ImageFrame = (i) => texturedImage(16, 12, i)): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'vidseg-camvid-'));
  for (const [split, names] of Object.entries(splits)) {
    mkdirSync(join(root, split));
    mkdirSync(join(root, `${split}annot`));
    const lines: string[] = [];
    for (const [i, name] of names.entries()) {
      const frame = image(i);
      await writePng(join(root, split, `${name}.png`), frame);
      await writePng(join(root, `${split}annot`, `${name}.png`), { width: frame.width, height: frame.height, data: Uint8Array.from({ length: frame.width * frame.height }, (_, p) => (p + i) % 12) });
      lines.push(`${split}/${name}.png ${split}annot/${name}.png`);
    }
    writeFileSync(join(root, `${split}.txt`), `${lines.join('\n')}\n`);
  }
  return root;
}
