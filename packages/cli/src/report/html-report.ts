import { escapeHtml } from './escape-html.js';
import { svgLineChart, type ChartSeries } from './svg-line-chart.js';

/** A column of the summary table: header and how to show a row's value. */
export interface ReportColumn {
  readonly header: string;
  readonly key: string;
  /** `percent` shows a fraction as 12.3 %; `number` with the given digits; `text` as is. */
  readonly format: 'percent' | 'number' | 'text';
  readonly digits?: number;
}

/** Everything a report shows. */
export interface ReportContent {
  readonly title: string;
  /** Short paragraphs under the title (what was run, on which machine, how long). */
  readonly notes: readonly string[];
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly Readonly<Record<string, number | string>>[];
  readonly charts: readonly { readonly title: string; readonly xLabel: string; readonly yLabel: string; readonly series: readonly ChartSeries[] }[];
  /** Images (e.g. animated overlays) by path relative to the report, with the titles of their panels (left to right) and a legend (HTML). */
  readonly gallery: readonly { readonly caption: string; readonly src: string; readonly panels?: readonly string[]; readonly legend?: string }[];
  /** A paragraph that says what the numbers mean, computed from them; shown under the title. */
  readonly verdict?: string;
  /** Extra sections after the gallery: a title, a paragraph and an HTML or SVG figure. */
  readonly sections?: readonly { readonly title: string; readonly text: string; readonly figure: string }[];
  /** Definitions of the measures, stated in every report. */
  readonly definitions: readonly string[];
}

function formatCell(value: number | string | undefined, column: ReportColumn): string {
  if (value === undefined) return '';
  if (typeof value === 'string' || column.format === 'text') return escapeHtml(String(value));
  if (!Number.isFinite(value)) return 'n/a';
  if (column.format === 'percent') return `${(value * 100).toFixed(column.digits ?? 1)} %`;
  return value.toFixed(column.digits ?? 2);
}

/** A self-contained HTML page: verdict, the summary table, notes, an image gallery, extra sections, SVG charts and the definitions. */
export function renderHtmlReport(content: ReportContent): string {
  const head = content.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = content.rows.map((row) => `<tr>${content.columns.map((c) => `<td>${formatCell(row[c.key], c)}</td>`).join('')}</tr>`).join('\n');
  const charts = content.charts.map((c) => `<figure>${svgLineChart(c.series, c)}</figure>`).join('\n');
  const gallery = content.gallery
    .map((g) => {
      const panels = g.panels ? `<div class="panels">${g.panels.map((p) => `<span>${escapeHtml(p)}</span>`).join('')}</div>` : '';
      return `<figure class="animation">${panels}<img src="${escapeHtml(g.src)}" alt="${escapeHtml(g.caption)}"><figcaption>${escapeHtml(g.caption)}</figcaption>${g.legend ?? ''}</figure>`;
    })
    .join('\n');
  const verdict = content.verdict ? `<p class="verdict">${escapeHtml(content.verdict)}</p>` : '';
  const sections = (content.sections ?? []).map((s) => `<h2>${escapeHtml(s.title)}</h2>\n<p>${escapeHtml(s.text)}</p>\n<figure>${s.figure}</figure>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1200px; }
table { border-collapse: collapse; margin: 12px 0; } td, th { border: 1px solid #ccc; padding: 4px 10px; text-align: right; }
th { background: #f4f4f4; } td:first-child, th:first-child { text-align: left; }
figure { display: inline-block; margin: 8px; vertical-align: top; } figcaption { text-align: center; font-size: 13px; }
img { image-rendering: pixelated; max-width: 100%; } .notes p { margin: 4px 0; } .defs li { margin: 2px 0; font-size: 13px; }
.verdict { font-size: 17px; line-height: 1.45; background: #f3f7ee; border-left: 4px solid #5a8f29; padding: 10px 14px; }
figure.animation { display: block; margin: 8px 0; } .panels { display: flex; } .panels span { flex: 1; text-align: center; font-weight: bold; font-size: 14px; }
.legend { margin-top: 6px; font-size: 13px; } .swatch { display: inline-block; margin: 2px 10px 2px 0; } .swatch i { display: inline-block; width: 14px; height: 14px; margin-right: 4px; vertical-align: -2px; border: 1px solid #888; }
</style></head><body>
<h1>${escapeHtml(content.title)}</h1>
${verdict}
<h2>Summary</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<div class="notes">${content.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>
<h2>Per-frame predictions</h2>
${gallery}
${sections}
<h2>Curves</h2>
${charts}
<h2>Definitions</h2>
<ul class="defs">${content.definitions.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>
</body></html>
`;
}
