import { CAMVID_PALETTE, CITYSCAPES_PALETTE, type Palette } from '@vidseg/core';

const BUILT_IN_PALETTES: readonly Palette[] = [CAMVID_PALETTE, CITYSCAPES_PALETTE];

/**
 * The built-in palette for a model's classes: one whose class names start the model's list, the
 * model having at most one class more (a trained void class, as ESPNet-CamVid's 12th output).
 */
export function defaultPalette(classes: readonly string[]): Palette | undefined {
  return BUILT_IN_PALETTES.find(
    (palette) =>
      classes.length >= palette.classes.length &&
      classes.length <= palette.classes.length + 1 &&
      palette.classes.every((name, i) => name.toLowerCase() === classes[i]?.toLowerCase()),
  );
}
