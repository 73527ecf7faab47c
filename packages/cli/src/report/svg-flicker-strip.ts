import { escapeHtml } from './escape-html.js';

/** One row of a flicker strip: a model and its flicker per consecutive frame pair (fractions). */
export interface FlickerRow {
  readonly name: string;
  readonly values: readonly number[];
}

const CELL = 34;
const ROW = 26;
const NAME_WIDTH = 300;
const MEAN_WIDTH = 90;

/**
 * An SVG strip with one row per model and one cell per frame pair, each cell as dark as its share of
 * flickering pixels (full red at the largest share of the strip) and labelled with it in percent;
 * the row's mean at the right. Equal rows look equal, so the steadier model shows at a glance.
 */
export function svgFlickerStrip(rows: readonly FlickerRow[]): string {
  const pairs = Math.max(0, ...rows.map((r) => r.values.length));
  const top = Math.max(1e-9, ...rows.flatMap((r) => r.values));
  const width = NAME_WIDTH + pairs * CELL + MEAN_WIDTH;
  const height = 22 + rows.length * ROW;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`];
  for (let i = 0; i < pairs; i++) parts.push(`<text x="${NAME_WIDTH + i * CELL + CELL / 2}" y="14" text-anchor="middle" fill="#666">${i}→${i + 1}</text>`);
  parts.push(`<text x="${NAME_WIDTH + pairs * CELL + 8}" y="14" fill="#666">mean</text>`);
  rows.forEach((row, r) => {
    const y = 20 + r * ROW;
    parts.push(`<text x="${NAME_WIDTH - 8}" y="${y + ROW / 2 + 4}" text-anchor="end" font-size="12">${escapeHtml(row.name)}</text>`);
    row.values.forEach((v, i) => {
      const shade = Math.min(1, v / top);
      const fill = `rgb(255, ${Math.round(255 * (1 - shade * 0.85))}, ${Math.round(255 * (1 - shade))})`;
      const x = NAME_WIDTH + i * CELL;
      parts.push(`<rect x="${x}" y="${y}" width="${CELL - 2}" height="${ROW - 3}" fill="${fill}" stroke="#ccc"><title>${escapeHtml(row.name)}, frames ${i}→${i + 1}: ${(v * 100).toFixed(2)} %</title></rect>`);
      parts.push(`<text x="${x + (CELL - 2) / 2}" y="${y + ROW / 2 + 3}" text-anchor="middle" font-size="10">${(v * 100).toFixed(1)}</text>`);
    });
    const mean = row.values.length ? row.values.reduce((a, b) => a + b, 0) / row.values.length : Number.NaN;
    parts.push(`<text x="${NAME_WIDTH + pairs * CELL + 8}" y="${y + ROW / 2 + 4}" font-size="12" font-weight="bold">${Number.isFinite(mean) ? (mean * 100).toFixed(2) : 'n/a'} %</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
