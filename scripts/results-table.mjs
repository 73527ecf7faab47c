// Prints the table of docs/results.md from the run folders that scripts/reproduce-camvid.sh made:
//   node scripts/results-table.mjs [runs]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContainer, pluginRegistry } from '@vidseg/core';
import { countFlops, countParameters, register } from '@vidseg/models';

const runs = process.argv[2] ?? 'runs';
const container = createContainer();
register(container);
const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const pct = (value) => (typeof value === 'number' && Number.isFinite(value) ? (100 * value).toFixed(1) : 'n/a');
const minutes = (seconds) => (typeof seconds === 'number' ? `${(seconds / 60).toFixed(0)} min` : '');

const rows = [
  { title: 'ESPNet-CamVid (pretrained teacher)', dir: 'camvid-espnet-teacher', model: { type: 'espnet', variant: 'camvid' }, size: [360, 480] },
  { title: 'MobileNetV2-0.5 baseline (CE)', dir: 'camvid-baseline' },
  { title: 'MobileNetV2-0.5 +TL', dir: 'camvid-temporal' },
  { title: 'MobileNetV2-0.5 +TL+KD', dir: 'camvid-temporal-distill' },
];

console.log('| model | test mIoU | val mIoU | val TC (Farneback) | val VC_2 | val VC_8 | params (M) | GFLOPs (eval size) | ORT ms/frame (val, median) | training wall time |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const dir = join(runs, row.dir);
  const test = read(join(dir, 'eval-test.json'));
  const val = read(join(dir, 'eval-val.json'));
  const config = read(join(dir, 'config.json'));
  const metrics = read(join(dir, 'metrics.json'));
  const modelEntry = row.model ?? config?.model;
  const size = row.size ?? config?.eval?.inputSize;
  let params = 'n/a';
  let gflops = 'n/a';
  if (modelEntry && size) {
    const model = pluginRegistry(container).create(container, 'model', modelEntry);
    params = (countParameters(model.graph).trainable / 1e6).toFixed(3);
    gflops = `${(countFlops(model.graph, size[0], size[1]) / 1e9).toFixed(2)} (${size[0]}x${size[1]})`;
  }
  console.log(
    `| ${row.title} | ${pct(test?.values.miou)} | ${pct(val?.values.miou)} | ${pct(val?.values.tc)} | ${pct(val?.values.vc2)} | ${pct(val?.values.vc8)} | ${params} | ${gflops} | ${val ? val.medianMsPerFrame.toFixed(1) : 'n/a'} | ${minutes(metrics?.seconds)} |`,
  );
}
