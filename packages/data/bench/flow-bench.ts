/**
 * Optical flow benchmark, 1 thread. Prints markdown tables:
 *  1. Farneback (OpenCV.js) endpoint error against the exact flow of synthetic clips (360x480),
 *     over the pixels where the exact flow is valid, for gaps 1..3, next to the zero-flow baseline,
 *     split into road pixels (weak texture, strong perspective) and the rest;
 *  2. Farneback time per 360x480 pair;
 *  3. on CamVid val (0016E5, 100 consecutive pairs 2 video frames apart), the agreement of GT(t)
 *     with GT(t+1) warped back along the Farneback flow (nearest neighbour), versus not warped.
 *
 *   npm run bench:flow -w @vidseg/data -- [--clips 6] [--pairs 100] [--runs 20]
 */
import { CAMVID_PALETTE, ConfusionMatrix, forEachFlowTarget, zeroFlow, type FlowField, type LabelMap } from '@vidseg/core';
import { CamvidDataset, SyntheticDataset } from '@vidseg/data';
import { endpointError, FarnebackFlow, type EndpointError, type FarnebackOptionsInput } from '@vidseg/flow';
import { sharedPath } from '@vidseg/test-support';
import { parseArgs } from 'node:util';
import { machine, medianP90, printTable, timeRuns } from './report.js';

const ROAD = CAMVID_PALETTE.classes.indexOf('Road');

/** Endpoint errors summed over pairs, weighted by their pixel counts. */
class Total {
  pixels = 0;
  private readonly sums = { mean: 0, over1: 0, over3: 0 };

  add(e: EndpointError): void {
    if (e.pixels === 0) return;
    this.sums.mean += e.mean * e.pixels;
    this.sums.over1 += e.over1 * e.pixels;
    this.sums.over3 += e.over3 * e.pixels;
    this.pixels += e.pixels;
  }

  mean(): string {
    return (this.sums.mean / this.pixels).toFixed(2);
  }

  share(key: 'over1' | 'over3'): string {
    return `${((100 * this.sums[key]) / this.pixels).toFixed(1)} %`;
  }
}

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
const road = new Uint8Array(480 * 360);
const elsewhere = new Uint8Array(480 * 360);
for (const gap of [1, 2, 3]) {
  const errors = new Map<string, { all: Total; road: Total; elsewhere: Total }>();
  const add = (key: string, estimate: FlowField, exact: FlowField, valid: Uint8Array) => {
    const totals = errors.get(key) ?? { all: new Total(), road: new Total(), elsewhere: new Total() };
    totals.all.add(endpointError(estimate, exact, valid));
    totals.road.add(endpointError(estimate, exact, road));
    totals.elsewhere.add(endpointError(estimate, exact, elsewhere));
    errors.set(key, totals);
  };
  for (let clip = 0; clip < synthetic.options.clips; clip++) {
    const position = clip * 8 + 2;
    const target = await synthetic.frame(position);
    const exact = await synthetic.exactNeighbour(position, gap);
    exact.valid.forEach((v, p) => {
      road[p] = v && target.label!.data[p] === ROAD ? 1 : 0;
      elsewhere[p] = v && target.label!.data[p] !== ROAD ? 1 : 0;
    });
    add('zero flow', zeroFlow(480, 360), exact.flow, exact.valid);
    for (const { label, options } of settings) add(label, await new FarnebackFlow(options).estimate(target.image, exact.frame.image), exact.flow, exact.valid);
  }
  for (const [key, e] of errors) rows.push([gap, key, e.all.mean(), e.all.share('over1'), e.all.share('over3'), e.road.mean(), e.elsewhere.mean(), e.all.pixels]);
}
printTable(['gap (frames)', 'flow', 'mean EPE, px', 'EPE > 1 px', 'EPE > 3 px', 'mean EPE on road', 'mean EPE elsewhere', 'pixels (exact flow valid)'], rows);

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
