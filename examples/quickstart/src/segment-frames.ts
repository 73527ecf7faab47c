// Segments every image of a folder with an exported vidseg model and writes coloured overlays.
// usage: node dist/segment-frames.js <model.onnx> <frames folder> <output folder>
import { mkdir, readdir } from 'node:fs/promises';
import { join, parse } from 'node:path';
import { createSegmenter } from '@vidseg/backend-ort';
import { CAMVID_PALETTE, overlayLabels, type ImageFrame } from '@vidseg/core';
import sharp from 'sharp';

const [model, framesDir, outDir] = process.argv.slice(2);
if (!model || !framesDir || !outDir) throw new Error('usage: node dist/segment-frames.js <model.onnx> <frames folder> <output folder>');

const segmenter = await createSegmenter({ model }); // onnxruntime-node when installed, else onnxruntime-web
const palette = segmenter.palette ?? CAMVID_PALETTE; // the colours stored in the model
const files = (await readdir(framesDir)).filter((name) => /\.(png|jpe?g|webp)$/i.test(name)).sort();
await mkdir(outDir, { recursive: true });
for (const [index, name] of files.entries()) {
  const { data, info } = await sharp(join(framesDir, name)).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const frame: ImageFrame = { width: info.width, height: info.height, channels: 3, data };
  const { labels } = await segmenter.segment(frame, index * 40); // frames in time order, 25 per second
  const overlay = overlayLabels(frame, labels, palette, 0.5);
  await sharp(overlay.data, { raw: { width: overlay.width, height: overlay.height, channels: 3 } }).png().toFile(join(outDir, `${parse(name).name}.png`));
}
await segmenter.close();
console.log(`segmented ${files.length} frames on ${segmenter.runtime} (classes: ${segmenter.classes.join(', ')}) into ${outDir}`);
