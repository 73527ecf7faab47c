import type { Palette } from '@vidseg/core';
import { escapeHtml } from './escape-html.js';

/** An HTML legend of the palette's classes: a colour swatch and the class name for each. */
export function classLegend(palette: Palette): string {
  const items = palette.classes.map((name, label) => {
    const [r, g, b] = palette.colors[label] ?? [0, 0, 0];
    return `<span class="swatch"><i style="background: rgb(${r}, ${g}, ${b})"></i>${escapeHtml(name)}</span>`;
  });
  return `<div class="legend">${items.join(' ')}</div>`;
}
