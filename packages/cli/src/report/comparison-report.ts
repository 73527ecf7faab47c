import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClipDataset } from '@vidseg/core';
import { writeAnimatedPreview } from '@vidseg/data';
import { evaluationCurve, lossCurve, readRunLog } from '../run/read-run-log.js';
import { classLegend } from './class-legend.js';
import { renderHtmlReport, type ReportColumn } from './html-report.js';
import { renderPreview, type Preview } from './preview-frames.js';
import { svgFlickerStrip } from './svg-flicker-strip.js';
import { METRIC_DEFINITIONS } from './metric-definitions.js';
import { textTable } from './text-table.js';

/** One model of a comparison: its ONNX file, evaluation values and, for trained ones, its log. */
export interface ComparedModel {
  readonly title: string;
  /** The exported .onnx file (for the side-by-side preview). */
  readonly model: string;
  /** Evaluation values (`miou`, `tc`, `vc2`, ...), fractions. */
  readonly values: Readonly<Record<string, number>>;
  readonly medianMs: number;
  /** The run's log.jsonl, for the loss and metric curves (absent for models not trained here). */
  readonly log?: string;
  readonly trainSeconds?: number;
  readonly params?: number;
  readonly gflops?: number;
}

/** What {@link writeComparisonReport} writes. */
export interface ComparisonReportOptions {
  readonly outDir: string;
  readonly title: string;
  readonly notes: readonly string[];
  /** A paragraph computed from the numbers (and the flicker measured on the animation), shown under the title. */
  readonly verdict?: (preview: Preview) => string;
  readonly models: readonly ComparedModel[];
  /** Data whose first frames are shown side by side (frame | ground truth | one overlay per model). */
  readonly preview: ClipDataset;
  readonly previewFrames?: number;
  /** Enlargement of the animation (default 2). */
  readonly previewScale?: number;
  /** Frames per second of the animation (default 4). */
  readonly previewFps?: number;
  /** The inference runtime of the latency figures, for the report's words. */
  readonly runtime?: string;
}

/** What {@link writeComparisonReport} returns: the summary as a text table and the preview's measurements. */
export interface ComparisonReport {
  readonly table: string;
  readonly preview: Preview;
  readonly verdict?: string;
}

const METRIC_COLUMNS: readonly ReportColumn[] = [
  { header: 'mIoU', key: 'miou', format: 'percent' },
  { header: 'TC', key: 'tc', format: 'percent' },
  { header: 'VC_2', key: 'vc2', format: 'percent' },
  { header: 'VC_8', key: 'vc8', format: 'percent' },
];

/** Whether every model is the same network (same parameter and FLOP counts): then they cost the same per frame. */
export function sameNetwork(models: readonly ComparedModel[]): boolean {
  const first = models[0];
  return first?.params !== undefined && models.every((m) => m.params === first.params && m.gflops === first.gflops);
}

/** One latency figure for identical networks: the median of their measurements and the spread. */
export function sharedLatencyNote(models: readonly ComparedModel[], runtime: string): string {
  const ms = models.map((m) => m.medianMs).sort((a, b) => a - b);
  const middle = ms.length % 2 ? ms[(ms.length - 1) / 2]! : (ms[ms.length / 2 - 1]! + ms[ms.length / 2]!) / 2;
  return (
    `Latency: the models are the same network, so they cost the same per frame: ${middle.toFixed(1)} ms per frame (${runtime}, 1 thread; ` +
    `the ${ms.length} measurements ranged ${ms[0]!.toFixed(1)}-${ms[ms.length - 1]!.toFixed(1)} ms, which is the machine's noise, not a difference between them).`
  );
}

/**
 * A side-by-side report of several models: verdict, summary table, an animated preview (frame,
 * ground truth, each model's overlay, at 2x with a colour legend), the per-frame flicker strip,
 * loss and held-out metric curves of the trained ones, and the metric definitions, as
 * `report.html` and `side-by-side.webp` in `outDir`. Latency appears once when the networks are
 * identical.
 */
export async function writeComparisonReport(options: ComparisonReportOptions): Promise<ComparisonReport> {
  const { models } = options;
  const identical = sameNetwork(models);
  const metricColumns = METRIC_COLUMNS.filter((c) => models.some((m) => Number.isFinite(m.values[c.key])));
  const columns: ReportColumn[] = [
    { header: 'model', key: 'model', format: 'text' },
    ...metricColumns,
    { header: 'params (M)', key: 'params', format: 'number', digits: 3 },
    { header: 'GFLOPs', key: 'gflops', format: 'number', digits: 2 },
    ...(identical ? [] : [{ header: 'ms/frame', key: 'ms', format: 'number', digits: 1 } as const]),
    { header: 'train s', key: 'train', format: 'number', digits: 0 },
  ];
  const rows = models.map((m) => ({
    model: m.title,
    ...m.values,
    params: (m.params ?? Number.NaN) / 1e6,
    gflops: (m.gflops ?? Number.NaN) / 1e9,
    ms: m.medianMs,
    train: m.trainSeconds ?? Number.NaN,
  }));
  const trained = models.filter((m) => m.log);
  const logs = await Promise.all(trained.map((m) => readRunLog(m.log!)));
  const curve = (title: string, yLabel: string, points: (log: Awaited<ReturnType<typeof readRunLog>>) => [number, number][]) => ({
    title,
    xLabel: 'step',
    yLabel,
    series: trained.map((m, i) => ({ name: m.title, points: points(logs[i]!) })),
  });
  const percentCurve = (key: string, header: string) =>
    curve(`held-out ${header} during training (%)`, `${header} (%)`, (log) => evaluationCurve(log, key).map(([step, v]) => [step, Number((v * 100).toFixed(2))]));
  const scale = options.previewScale ?? 2;
  const preview = await renderPreview({
    dataset: options.preview,
    models: models.map((m) => m.model),
    titles: models.map((m) => m.title),
    count: options.previewFrames ?? 16,
    scale,
  });
  await writeAnimatedPreview(join(options.outDir, 'side-by-side.webp'), [...preview.frames], { fps: options.previewFps ?? 4 });
  const verdict = options.verdict?.(preview);
  const flickerRows = models.map((m, i) => ({ name: m.title, values: preview.flicker[i]! })).filter((r) => r.values.length > 0);
  const html = renderHtmlReport({
    title: options.title,
    ...(verdict ? { verdict } : {}),
    notes: [...options.notes, ...(identical ? [sharedLatencyNote(models, options.runtime ?? 'ONNX Runtime')] : [])],
    columns,
    rows,
    charts: [curve('training loss (mean of 10 steps)', 'loss', (log) => lossCurve(log)), ...metricColumns.map((c) => percentCurve(c.key, c.header))].filter(
      (chart) => chart.series.some((s) => s.points.length > 0),
    ),
    gallery: [
      {
        caption: `${options.preview.name}/${options.preview.split}, the first ${preview.frames.length} frames in time order, shown ${scale}x`,
        src: 'side-by-side.webp',
        panels: preview.panels,
        legend: classLegend(preview.palette),
      },
    ],
    sections:
      flickerRows.length > 0
        ? [
            {
              title: 'Flicker per frame',
              text:
                'For each pair of consecutive frames of the animation: the share of pixels whose predicted label changes beyond what the exact motion explains ' +
                '(the next prediction followed back along the exact flow, pixels visible in both frames). Lower is steadier; darker cells flicker more.',
              figure: svgFlickerStrip(flickerRows),
            },
          ]
        : [],
    definitions: METRIC_DEFINITIONS,
  });
  await writeFile(join(options.outDir, 'report.html'), html);
  const pct = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : 'n/a');
  const table = textTable(
    ['model', ...metricColumns.map((c) => c.header), 'ms/frame'],
    models.map((m) => [m.title, ...metricColumns.map((c) => pct(m.values[c.key])), m.medianMs.toFixed(1)]),
  );
  return { table, preview, ...(verdict ? { verdict } : {}) };
}
