import type { Palette, Rgb } from '@vidseg/core';

/** Distinct colours for a model whose metadata has no palette: hues a golden angle apart. */
export function fallbackPalette(classes: readonly string[]): Palette {
  const colors = classes.map((_, i): Rgb => {
    const hue = (i * 137.508) % 360;
    const f = (n: number) => {
      const k = (n + hue / 30) % 12;
      return Math.round(255 * (0.55 - 0.45 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
    };
    return [f(0), f(8), f(4)];
  });
  return { name: 'generated', classes, colors, ignoreLabel: 255, ignoreColor: [0, 0, 0] };
}
