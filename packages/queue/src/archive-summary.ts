import type { VideoRecord } from './archive-job.js';

/** The whole archive at a glance, from the records of the finished inputs. */
export interface ArchiveSummary {
  readonly videos: number;
  readonly frames: number;
  /** From the first chunk's start to the last merge, over all inputs (wall clock, all workers together). */
  readonly wallSeconds: number;
  readonly framesPerSecond: number;
  readonly videosPerSecond: number;
  /** Mean time in `segment` per frame, weighted by frames, ms. */
  readonly msPerFrame: number;
  /** Inputs by label-free consistency, least consistent first (inputs with a single frame last). */
  readonly leastConsistent: readonly VideoRecord[];
}

/** Sums the records of the finished inputs. */
export function summarizeArchive(records: readonly VideoRecord[]): ArchiveSummary {
  const frames = records.reduce((sum, r) => sum + r.frames, 0);
  const start = Math.min(...records.map((r) => Date.parse(r.startedAt)));
  const end = Math.max(...records.map((r) => Date.parse(r.finishedAt)));
  const wallSeconds = records.length > 0 ? Math.max(end - start, 1) / 1000 : 0;
  const share = (r: VideoRecord) => r.labelFree.unchangedPixelShare ?? Number.POSITIVE_INFINITY;
  return {
    videos: records.length,
    frames,
    wallSeconds,
    framesPerSecond: wallSeconds > 0 ? frames / wallSeconds : 0,
    videosPerSecond: wallSeconds > 0 ? records.length / wallSeconds : 0,
    msPerFrame: frames > 0 ? records.reduce((sum, r) => sum + r.msPerFrame * r.frames, 0) / frames : 0,
    leastConsistent: [...records].sort((a, b) => share(a) - share(b) || a.input.localeCompare(b.input)),
  };
}

/** The summary as text: totals, then up to `rows` inputs, least consistent first. */
export function formatArchiveSummary(summary: ArchiveSummary, rows = 10): string {
  const lines = [
    `archive: ${summary.videos} inputs, ${summary.frames} frames in ${summary.wallSeconds.toFixed(1)} s of wall time ` +
      `(${summary.framesPerSecond.toFixed(2)} frames/s, ${summary.videosPerSecond.toFixed(3)} inputs/s, ${summary.msPerFrame.toFixed(1)} ms per frame in the model)`,
    'least consistent first (label-free: share of pixels whose class is unchanged between consecutive frames):',
  ];
  for (const record of summary.leastConsistent.slice(0, rows)) {
    const share = record.labelFree.unchangedPixelShare;
    lines.push(`  ${share === null ? '   n/a ' : `${(share * 100).toFixed(2).padStart(6)} %`}  ${String(record.frames).padStart(6)} frames  ${record.input}`);
  }
  if (summary.leastConsistent.length > rows) lines.push(`  ... and ${summary.leastConsistent.length - rows} more (segmentation.json in each output folder)`);
  return `${lines.join('\n')}\n`;
}
