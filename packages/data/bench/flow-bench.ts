/**
 * Optical flow benchmark, 1 thread. Prints markdown tables:
 *  1. Farneback (OpenCV.js) endpoint error against the exact flow of synthetic clips (360x480),
 *     over the pixels where the exact flow is valid, for gaps 1..3, next to the zero-flow baseline;
 *  2. Farneback time per 360x480 pair;
 *  3. on CamVid val (0016E5, 100 consecutive pairs 2 video frames apart), the agreement of GT(t)
 *     with GT(t+1) warped back along the Farneback flow (nearest neighbour), versus not warped.
 *
 *   npm run bench:flow -w @vidseg/data -- [--clips 6] [--pairs 100] [--runs 20]
 */
import { CAMVID_PALETTE, ConfusionMatrix, forEachFlowTarget, zeroFlow, type FlowField, type LabelMap } from '@vidseg/core';
import { CamvidDataset, SyntheticDataset } from '@vidseg/data';
import { endpointError, FarnebackFlow, type FarnebackOptionsInput } from '@vidseg/flow';
import { sharedPath } from '@vidseg/test-support';
import { parseArgs } from 'node:util';
import { machine, medianP90, printTable, timeRuns } from './report.js';

/** Confusion of GT(t) (rows) with GT(t+1) sampled along a flow by nearest neighbour; Void on either side is left out. */
class Agreement {
  private readonly confusion = new ConfusionMatrix(CAMVID_PALETTE.classes.length, CAMVID_PALETTE.ignoreLabel);

  add(current: LabelMap, next: LabelMap, flow: FlowField): void {
    forEachFlowTarget(flow, (p, q) => {
      if (next.data[q] !== CAMVID_PALETTE.ignoreLabel) this.confusion.add(current.data[p]!, next.data[q]!);
    });
  }

  summary(): string[] {
    return [`${(100 * this.confusion.pixelAccuracy()).toFixed(2)} %`, `${(100 * this.confusion.meanIoU()).toFixed(2)} %`, String(this.confusion.total())];
  }
}

const { values } = parseArgs({ options: { clips: { type: 'string', default: '6' }, pairs: { type: 'string', default: '100' }, runs: { type: 'string', default: '20' } } });
const settings: readonly { label: string; options: FarnebackOptionsInput }[] = [
  { label: 'default (levels 3, window 15)', options: {} },
  { label: 'levels 5, window 21, 5 iterations', options: { levels: 5, windowSize: 21, iterations: 5 } },
];

console.log(`# Flow benchmark (${machine()})\n`);

// 1. Endpoint error on synthetic clips.
const synthetic = new SyntheticDataset({ split: 'val', clips: Number(values.clips), framesPerClip: 8, size: [360, 480] });
const rows: (string | number)[][] = [];
for (const gap of [1, 2, 3]) {
  const errors = new Map<string, { sum: number; over1: number; over3: number; pixels: number }>();
  const add = (key: string, e: ReturnType<typeof endpointError>) => {
    const total = errors.get(key) ?? { sum: 0, over1: 0, over3: 0, pixels: 0 };
    total.sum += e.mean * e.pixels;
    total.over1 += e.over1 * e.pixels;
    total.over3 += e.over3 * e.pixels;
    total.pixels += e.pixels;
    errors.set(key, total);
  };
  for (let clip = 0; clip < synthetic.options.clips; clip++) {
    const position = clip * 8 + 2;
    const target = await synthetic.frame(position);
    const exact = await synthetic.exactNeighbour(position, gap);
    add('zero flow', endpointError(zeroFlow(480, 360), exact.flow, exact.valid));
    for (const { label, options } of settings) add(label, endpointError(await new FarnebackFlow(options).estimate(target.image, exact.frame.image), exact.flow, exact.valid));
  }
  for (const [key, e] of errors) {
    rows.push([gap, key, (e.sum / e.pixels).toFixed(2), `${((100 * e.over1) / e.pixels).toFixed(1)} %`, `${((100 * e.over3) / e.pixels).toFixed(1)} %`, e.pixels]);
  }
}
printTable(['gap (frames)', 'flow', 'mean EPE, px', 'EPE > 1 px', 'EPE > 3 px', 'pixels (exact flow valid)'], rows);

// 2. Time per pair.
const a = (await synthetic.frame(2)).image;
const b = (await synthetic.exactNeighbour(2, 1)).frame.image;
const timing: (string | number)[][] = [];
for (const { label, options } of settings) {
  const estimator = new FarnebackFlow(options);
  const { median, p90 } = medianP90(await timeRuns(() => estimator.estimate(a, b), Number(values.runs)));
  timing.push([label, median, p90]);
}
printTable(['Farneback 360x480 pair', 'median ms', 'p90 ms'], timing);

// 3. Ground-truth agreement on CamVid val.
const camvid = sharedPath('data', 'camvid');
if (!camvid) {
  console.log('CamVid rows skipped: ../shared/data/camvid not found (set VIDSEG_SHARED)');
} else {
  const val = new CamvidDataset({ root: camvid, split: 'val' });
  const sequence = val.sequences()[0]!;
  const pairs = Math.min(Number(values.pairs), sequence.positions.length - 1);
  const estimators = settings.map((s) => ({ label: s.label, estimator: new FarnebackFlow(s.options) }));
  const unwarped = new Agreement();
  const warped = estimators.map(() => new Agreement());
  let next = await val.frame(sequence.positions[0]!);
  for (let i = 0; i < pairs; i++) {
    const current = next;
    next = await val.frame(sequence.positions[i + 1]!);
    unwarped.add(current.label!, next.label!, zeroFlow(480, 360));
    for (const [k, { estimator }] of estimators.entries()) warped[k]!.add(current.label!, next.label!, await estimator.estimate(current.image, next.image));
  }
  printTable(
    [`CamVid val ${sequence.name}: GT(t) vs GT(t+1), ${pairs} pairs`, 'pixel agreement', 'mIoU (TC of the ground truth)', 'pixels compared'],
    [['not warped', ...unwarped.summary()], ...estimators.map(({ label }, k) => [`warped by Farneback, ${label}`, ...warped[k]!.summary()])],
  );
}
