// Writes frames of a synthetic street clip (@vidseg/data's renderer) as PNG files, so the quick
// start runs without a dataset. usage: node dist/make-frames.js <folder> [count] [height] [width]
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SyntheticDataset, writePng } from '@vidseg/data';

const [folder, count = '10', height = '192', width = '256'] = process.argv.slice(2);
if (!folder) throw new Error('usage: node dist/make-frames.js <folder> [count] [height] [width]');

const clip = new SyntheticDataset({ split: 'test', clips: 1, framesPerClip: Number(count), size: [Number(height), Number(width)] });
await mkdir(folder, { recursive: true });
for (let t = 0; t < clip.size; t++) {
  await writePng(join(folder, `frame-${String(t).padStart(4, '0')}.png`), (await clip.frame(t)).image);
}
console.log(`wrote ${clip.size} frames of ${width}x${height} into ${folder}`);
