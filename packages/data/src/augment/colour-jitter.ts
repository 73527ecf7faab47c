import type { ImageFrame, RandomSource } from '@vidseg/core';

/** Strength of the colour jitter: each factor is drawn from [1 - x, 1 + x]. */
export interface ColourJitterSettings {
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
}

/** One drawn jitter, applied with the same factors to every frame of a clip. */
export interface ColourJitter {
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
  /** Grey level contrast pivots around (the mean grey of the clip's target frame). */
  readonly pivot: number;
}

/** Draws factors from `settings`; `reference` (the target frame) gives the contrast pivot. */
export function drawColourJitter(random: RandomSource, settings: ColourJitterSettings, reference: ImageFrame): ColourJitter {
  const factor = (x: number) => 1 + x * (2 * random.next() - 1);
  let sum = 0;
  const { data, channels } = reference;
  for (let p = 0; p < data.length; p += channels) sum += grey(data[p]!, data[p + 1]!, data[p + 2]!);
  return {
    brightness: factor(settings.brightness),
    contrast: factor(settings.contrast),
    saturation: factor(settings.saturation),
    pivot: sum / (data.length / channels),
  };
}

/** Whether the jitter changes nothing. */
export function isIdentityJitter(jitter: ColourJitter): boolean {
  return jitter.brightness === 1 && jitter.contrast === 1 && jitter.saturation === 1;
}

/**
 * Applies `jitter` in place: saturation (towards the pixel's grey), then contrast (around the
 * pivot), then brightness; values are rounded and clamped to 0..255. Alpha is left alone.
 */
export function applyColourJitter(image: ImageFrame, jitter: ColourJitter): void {
  const { data, channels } = image;
  const { brightness, contrast, saturation, pivot } = jitter;
  // ((g + (v - g) s - pivot) c + pivot) b = v (s c b) + g ((1 - s) c b) + pivot (1 - c) b
  const own = saturation * contrast * brightness;
  const fromGrey = (1 - saturation) * contrast * brightness;
  const offset = pivot * (1 - contrast) * brightness;
  for (let p = 0; p < data.length; p += channels) {
    const g = fromGrey * grey(data[p]!, data[p + 1]!, data[p + 2]!) + offset;
    for (let k = 0; k < 3; k++) {
      const v = own * data[p + k]! + g;
      data[p + k] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
  }
}

function grey(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
