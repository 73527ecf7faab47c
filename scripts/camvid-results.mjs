// Collects the run folders of scripts/reproduce-camvid.sh into docs/results/camvid.json (one object
// per run) and prints the tables of docs/results.md (mean and spread over seeds, then per seed):
//   node scripts/camvid-results.mjs [runs] [--commit <sha>] [--write]
// --commit names the commit the runs were made with (default: HEAD); --write writes the JSON.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createContainer, pluginRegistry } from '@vidseg/core';
import { countFlops, countParameters, register } from '@vidseg/models';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'runs';
const commit = option('--commit') ?? execSync('git rev-parse --short HEAD').toString().trim();
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} logical cores`;
const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);

/** One row of docs/results/camvid.json from a run folder (or the pretrained evaluation folder). */
function record(dir, row, seed) {
  const [val, test, video, metrics] = ['eval-val.json', 'eval-test.json', 'eval-video.json', 'metrics.json'].map((f) => read(join(runs, dir, f)));
  if (!val || !test || !video) return undefined;
  return {
    experiment: 'stabilise',
    row,
    seed,
    testMiou: test.values.miou,
    valMiou: val.values.miou,
    valTc: val.values.tc,
    valVc2: val.values.vc2,
    valVc8: val.values.vc8,
    videoConsistency: video.labelFreeTc,
    videoUnchangedShare: video.unchangedShare,
    steps: metrics?.steps ?? 0,
    wallSeconds: metrics ? Math.round(metrics.seconds) : 0,
    msPerFrame: val.medianMsPerFrame,
    machine,
    commit,
  };
}

const records = [record('camvid-pretrained', 'pretrained', null)];
for (const dir of readdirSync(runs).filter((d) => /^camvid-stabilise-seed\d+$/.test(d)).sort()) {
  records.push(record(dir, 'stabilised', Number(dir.replace('camvid-stabilise-seed', ''))));
}
const complete = records.filter(Boolean);

const container = createContainer();
register(container);
const model = pluginRegistry(container).create(container, 'model', { type: 'espnet', variant: 'camvid' });
const params = (countParameters(model.graph).trainable / 1e6).toFixed(3);
const gflops = (countFlops(model.graph, 360, 480) / 1e9).toFixed(2);

const KEYS = ['testMiou', 'valMiou', 'valTc', 'valVc2', 'valVc8', 'videoConsistency', 'videoUnchangedShare'];
const pct = (v) => (100 * v).toFixed(2);
const stats = (values) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
};
console.log(`| row | seeds | ${KEYS.join(' | ')} | ORT ms/frame (val median) |`);
console.log(`| --- | ---: | ${KEYS.map(() => '---:').join(' | ')} | ---: |`);
for (const row of ['pretrained', 'stabilised']) {
  const rows = complete.filter((r) => r.row === row);
  if (rows.length === 0) continue;
  const cells = KEYS.map((k) => {
    const s = stats(rows.map((r) => r[k]));
    return rows.length > 1 ? `${pct(s.mean)} ± ${pct(s.sd)}` : pct(s.mean);
  });
  console.log(`| ${row} | ${rows.length} | ${cells.join(' | ')} | ${stats(rows.map((r) => r.msPerFrame)).mean.toFixed(1)} |`);
}
console.log(`\nSame network for both rows: ESPNet-CamVid, ${params} M parameters, ${gflops} GFLOPs at 360x480.\n`);
console.log(`| row | seed | ${KEYS.join(' | ')} | steps | wall s |`);
console.log(`| --- | ---: | ${KEYS.map(() => '---:').join(' | ')} | ---: | ---: |`);
for (const r of complete) console.log(`| ${r.row} | ${r.seed ?? '-'} | ${KEYS.map((k) => pct(r[k])).join(' | ')} | ${r.steps} | ${r.wallSeconds} |`);
if (args.includes('--write')) {
  mkdirSync('docs/results', { recursive: true });
  writeFileSync('docs/results/camvid.json', `${JSON.stringify(complete, null, 2)}\n`);
  console.log(`\nwrote docs/results/camvid.json (${complete.length} runs)`);
}
