import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePng } from '../src/io/write-png.js';
import { texturedImage } from './fake-dataset.js';

/** Writes a tiny CamVid (SegNet layout, 16x12 frames) with the given frame names per split; returns its root. */
export async function writeTinyCamvid(splits: Record<string, readonly string[]>): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'vidseg-camvid-'));
  for (const [split, names] of Object.entries(splits)) {
    mkdirSync(join(root, split));
    mkdirSync(join(root, `${split}annot`));
    const lines: string[] = [];
    for (const [i, name] of names.entries()) {
      await writePng(join(root, split, `${name}.png`), texturedImage(16, 12, i));
      await writePng(join(root, `${split}annot`, `${name}.png`), { width: 16, height: 12, data: Uint8Array.from({ length: 192 }, (_, p) => (p + i) % 12) });
      lines.push(`${split}/${name}.png ${split}annot/${name}.png`);
    }
    writeFileSync(join(root, `${split}.txt`), `${lines.join('\n')}\n`);
  }
  return root;
}
