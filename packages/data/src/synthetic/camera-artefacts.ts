import type { ImageFrame } from '@vidseg/core';
import { hashUnit } from '../random/hash.js';

/**
 * What a cheap video camera does to each frame on its own, independently of the scene: the changes
 * that make a per-frame segmenter flicker on real footage although nothing in the scene moved.
 * They change pixel values only, never where a surface point lands, so labels and flow stay exact.
 * All zero: a perfect camera.
 */
export interface CameraArtefacts {
  /** Per-frame exposure and white-balance jumps: relative amplitude of a random gain per frame (and per channel, at half of it). */
  readonly flicker: number;
  /** Block compression: quantisation step (8-bit levels) of the detail within 8x8 blocks, as a low-quality codec does; 0 for none. */
  readonly compression: number;
  /** Longest horizontal motion blur of a frame, pixels (each frame draws its own length up to this); 0 for none. */
  readonly motionBlur: number;
}

/** A perfect camera. */
export const NO_CAMERA_ARTEFACTS: CameraArtefacts = { flicker: 0, compression: 0, motionBlur: 0 };

const BLOCK = 8;

/** Applies `artefacts` to frame `time` of the street with `seed`, in place; deterministic by (seed, time). */
export function applyCameraArtefacts(image: ImageFrame, artefacts: CameraArtefacts, seed: number, time: number): void {
  const t = Math.round(time);
  if (artefacts.motionBlur > 0) {
    const length = Math.floor(hashUnit(t, 7, 0, seed) * (artefacts.motionBlur + 1));
    if (length > 0) blurHorizontally(image, length);
  }
  if (artefacts.flicker > 0) {
    const exposure = 1 + artefacts.flicker * 2 * (hashUnit(t, 8, 0, seed) - 0.5);
    const gains = [0, 1, 2].map((c) => exposure * (1 + artefacts.flicker * (hashUnit(t, 9, c, seed) - 0.5)));
    scaleChannels(image, gains);
  }
  if (artefacts.compression > 0) quantiseBlocks(image, artefacts.compression);
}

/** Box blur of `length` + 1 pixels along rows (clamped at the borders): the smear of a horizontal pan. */
function blurHorizontally(image: ImageFrame, length: number): void {
  const { width, height, channels, data } = image;
  const row = new Float64Array(width * channels);
  const half = length / 2;
  for (let y = 0; y < height; y++) {
    const offset = y * width * channels;
    for (let i = 0; i < row.length; i++) row[i] = data[offset + i]!;
    for (let x = 0; x < width; x++) {
      const from = Math.max(0, Math.floor(x - half));
      const to = Math.min(width - 1, Math.floor(x + half + 0.5));
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = from; k <= to; k++) sum += row[k * channels + c]!;
        data[offset + x * channels + c] = Math.round(sum / (to - from + 1));
      }
    }
  }
}

function scaleChannels(image: ImageFrame, gains: readonly number[]): void {
  const { channels, data } = image;
  for (let i = 0; i < data.length; i++) data[i] = clampByte(data[i]! * gains[i % channels]!);
}

/**
 * Per 8x8 block and channel: the block mean kept to steps of `step / 2`, each pixel's deviation from
 * it to steps of `step`. Fine texture and noise below the step vanish and the block edges show, and
 * since the noise changes every frame, so does what survives the rounding.
 */
function quantiseBlocks(image: ImageFrame, step: number): void {
  const { width, height, channels, data } = image;
  for (let by = 0; by < height; by += BLOCK) {
    for (let bx = 0; bx < width; bx += BLOCK) {
      const x1 = Math.min(width, bx + BLOCK);
      const y1 = Math.min(height, by + BLOCK);
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let y = by; y < y1; y++) for (let x = bx; x < x1; x++) sum += data[(y * width + x) * channels + c]!;
        const mean = sum / ((x1 - bx) * (y1 - by));
        const base = Math.round(mean / (step / 2)) * (step / 2);
        for (let y = by; y < y1; y++) {
          for (let x = bx; x < x1; x++) {
            const i = (y * width + x) * channels + c;
            data[i] = clampByte(base + Math.round((data[i]! - mean) / step) * step);
          }
        }
      }
    }
  }
}

const clampByte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));
