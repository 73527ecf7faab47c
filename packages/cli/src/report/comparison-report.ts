import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CAMVID_PALETTE, evaluationOrder, overlayLabels, type ClipDataset, type ImageFrame } from '@vidseg/core';
import { createSegmenter } from '@vidseg/backend-ort';
import { writeAnimatedPreview } from '@vidseg/data';
import { sideBySide } from '../pipeline/side-by-side.js';
import { evaluationCurve, lossCurve, readRunLog } from '../run/read-run-log.js';
import { renderHtmlReport, type ReportColumn } from './html-report.js';
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
  readonly models: readonly ComparedModel[];
  /** Data whose first frames are shown side by side (frame | one overlay per model). */
  readonly preview: ClipDataset;
  readonly previewFrames?: number;
}

const METRIC_COLUMNS: readonly ReportColumn[] = [
  { header: 'mIoU', key: 'miou', format: 'percent' },
  { header: 'TC', key: 'tc', format: 'percent' },
  { header: 'VC_2', key: 'vc2', format: 'percent' },
  { header: 'VC_8', key: 'vc8', format: 'percent' },
];

/**
 * A side-by-side report of several models: summary table, loss and held-out metric curves of the
 * trained ones, an animated preview (frame, then each model's overlay) and the metric definitions,
 * as `report.html` and `side-by-side.webp` in `outDir`. Returns the summary as a text table.
 */
export async function writeComparisonReport(options: ComparisonReportOptions): Promise<string> {
  const { models } = options;
  const metricColumns = METRIC_COLUMNS.filter((c) => models.some((m) => Number.isFinite(m.values[c.key])));
  const columns: ReportColumn[] = [
    { header: 'model', key: 'model', format: 'text' },
    ...metricColumns,
    { header: 'params (M)', key: 'params', format: 'number', digits: 3 },
    { header: 'GFLOPs', key: 'gflops', format: 'number', digits: 2 },
    { header: 'ms/frame (ORT)', key: 'ms', format: 'number', digits: 1 },
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
  await writeAnimatedPreview(join(options.outDir, 'side-by-side.webp'), await previewFrames(options.preview, models.map((m) => m.model), options.previewFrames ?? 16), { fps: 8 });
  const html = renderHtmlReport({
    title: options.title,
    notes: options.notes,
    columns,
    rows,
    charts: [
      curve('training loss (mean of 10 steps)', 'loss', (log) => lossCurve(log)),
      curve('held-out mIoU during training', 'mIoU', (log) => evaluationCurve(log, 'miou')),
      curve('held-out TC during training', 'TC', (log) => evaluationCurve(log, 'tc')),
    ].filter((chart) => chart.series.length > 0),
    gallery: [{ caption: `${options.preview.name}/${options.preview.split}: frame | ${models.map((m) => m.title).join(' | ')}`, src: 'side-by-side.webp' }],
    definitions: METRIC_DEFINITIONS,
  });
  await writeFile(join(options.outDir, 'report.html'), html);
  const pct = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : 'n/a');
  return textTable(
    ['model', ...metricColumns.map((c) => c.header), 'ms/frame'],
    models.map((m) => [m.title, ...metricColumns.map((c) => pct(m.values[c.key])), m.medianMs.toFixed(1)]),
  );
}

/** The first frames of `dataset` in time order, each with every model's overlay beside it. */
async function previewFrames(dataset: ClipDataset, models: readonly string[], count: number): Promise<ImageFrame[]> {
  const segmenters = await Promise.all(models.map((model) => createSegmenter({ model })));
  const frames: ImageFrame[] = [];
  try {
    for (const [i, position] of evaluationOrder(dataset).slice(0, count).entries()) {
      const frame = await dataset.frame(position);
      const overlays: ImageFrame[] = [];
      for (const segmenter of segmenters) {
        const { labels } = await segmenter.segment(frame.image, i + 1);
        overlays.push(overlayLabels(frame.image, labels, segmenter.palette ?? CAMVID_PALETTE, 0.6));
      }
      frames.push(sideBySide([frame.image, ...overlays]));
    }
  } finally {
    await Promise.all(segmenters.map((s) => s.close()));
  }
  return frames;
}
