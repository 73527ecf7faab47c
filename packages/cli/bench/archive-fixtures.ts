import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportOnnx } from '@vidseg/backend-ort';
import { SyntheticDataset, writePng } from '@vidseg/data';
import { buildEspnet, buildTiny, initializeParameters } from '@vidseg/models';

/**
 * Writes a small segmentation model (the `tiny` zoo network, `width` channels, CamVid classes,
 * seeded random weights) as an ONNX file that takes uint8 RGB frames of any size and returns labels.
 */
export function writeTinyModel(path: string, width = 4, seed = 7): void {
  const model = buildTiny({ width });
  const onnx = exportOnnx(model, initializeParameters(model.graph, seed), { image: 'rgb', outputs: ['labels'], inputSize: 'dynamic' });
  writeFileSync(path, onnx);
}

/** Writes ESPNet (CamVid variant, 360x480, seeded random weights: speed does not depend on them) as an ONNX file taking uint8 RGB frames. */
export function writeEspnetModel(path: string, seed = 7): void {
  const model = buildEspnet();
  writeFileSync(path, exportOnnx(model, initializeParameters(model.graph, seed), { image: 'rgb', outputs: ['labels'] }));
}

/** One synthetic input written to disk. */
export interface SyntheticInput {
  readonly path: string;
  readonly name: string;
  readonly frames: number;
}

/**
 * Writes a synthetic street clip of `frames` frames at `size` ([height, width]) as `<dir>/<name>.mp4`
 * (H.264 through the system ffmpeg) or as a folder `<dir>/<name>/` of numbered PNGs.
 */
export async function writeSyntheticInput(dir: string, name: string, as: 'video' | 'frames', frames: number, size: [number, number], seed: number): Promise<SyntheticInput> {
  const clip = new SyntheticDataset({ split: 'test', seed, clips: 1, framesPerClip: frames, size });
  const folder = join(dir, as === 'frames' ? name : `.${name}-frames`);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < frames; i++) await writePng(join(folder, `${String(i).padStart(4, '0')}.png`), (await clip.frame(i)).image);
  if (as === 'frames') return { path: folder, name, frames };
  const path = join(dir, `${name}.mp4`);
  const encode = spawnSync('ffmpeg', ['-v', 'error', '-y', '-framerate', '8', '-i', join(folder, '%04d.png'), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', path]);
  if (encode.status !== 0) throw new Error(`ffmpeg could not write ${path}: ${encode.stderr.toString()}`);
  return { path, name, frames };
}
