/**
 * Generation speed of the synthetic street clips and of training samples, 1 thread. Prints
 * markdown tables: ms to render a frame, to make an exact pair (both frames rendered cold, exact
 * flow both ways with masks), and to draw an augmented training sample with the sampler; and the
 * same for CamVid pseudo-motion pairs when ../shared/data/camvid is present.
 *
 *   npm run bench -w @vidseg/data -- [--runs 20]
 */
import { SeededRandom } from '@vidseg/core';
import { sharedPath } from '@vidseg/test-support';
import { parseArgs } from 'node:util';
import { CamvidDataset, SyntheticDataset, TrainingClipSampler } from '@vidseg/data';
import { machine, medianP90, printTable, timeRuns } from './report.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);

console.log(`# Synthetic clip and sample generation (${machine()})\n`);
const rows: (string | number)[][] = [];
for (const [height, width] of [[128, 256], [360, 480]] as const) {
  // A fresh clip per run, so nothing is served from the frame cache: the cost a sampler pays for a new clip.
  const fresh = (run: number) => new SyntheticDataset({ size: [height, width], clips: 1000, framesPerClip: 30, seed: 7 }).clip(run + 10);
  const render = medianP90(await timeRuns((run) => fresh(run).frame(5), runs));
  const pair = medianP90(
    await timeRuns((run) => {
      const data = new SyntheticDataset({ size: [height, width], clips: 1000, framesPerClip: 30, seed: 7 });
      return data.exactNeighbour((run + 10) * 30 + 5, 2);
    }, runs),
  );
  const data = new SyntheticDataset({ size: [height, width], clips: 1000, framesPerClip: 30, seed: 7 });
  const sampler = new TrainingClipSampler(data, { cropSize: [height, width] });
  const random = new SeededRandom(1);
  const sample = medianP90(await timeRuns((run) => sampler.sample(((run + 10) * 30 + 5) % data.size, random), runs));
  const triplets = new TrainingClipSampler(data, { mode: 'triplet', cropSize: [height, width] });
  const triplet = medianP90(await timeRuns((run) => triplets.sample(((run + 500) * 30 + 5) % data.size, random), runs));
  rows.push([`${height}x${width}`, render.median, `${pair.median} (p90 ${pair.p90})`, `${sample.median} (p90 ${sample.p90})`, `${triplet.median} (p90 ${triplet.p90})`]);
}
printTable(['frame size', 'render 1 frame, ms', 'exact pair (2 frames + flows both ways), ms', 'augmented pair sample, ms', 'augmented triplet sample, ms'], rows);

const camvid = sharedPath('data', 'camvid');
if (camvid) {
  const train = new CamvidDataset({ root: camvid, split: 'train' });
  const random = new SeededRandom(2);
  const pseudo = medianP90(await timeRuns((run) => train.exactNeighbour((run + 5) % train.size, 2, random), runs));
  const sampler = new TrainingClipSampler(train, { cropSize: [360, 480] });
  const sample = medianP90(await timeRuns((run) => sampler.sample((run * 7 + 3) % train.size, random), runs));
  printTable(['CamVid train 360x480', 'ms'], [
    ['pseudo-motion pair from a decoded still (flows both ways)', `${pseudo.median} (p90 ${pseudo.p90})`],
    ['augmented pseudo-motion sample incl. PNG decode', `${sample.median} (p90 ${sample.p90})`],
  ]);
} else {
  console.log('CamVid rows skipped: ../shared/data/camvid not found (set VIDSEG_SHARED)');
}
