import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createContainer, pluginRegistry, type PluginDescription } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { readRunLog } from '../src/run/read-run-log.js';
import { runCli, runCliUntil, TINY_CONFIG, VIDSEG_BIN, workspace } from './run-cli.js';
import { skipReason } from '@vidseg/test-support';

const built = existsSync(VIDSEG_BIN);
const REPO = join(dirname(VIDSEG_BIN), '..', '..', '..', '..');

describe.skipIf(!built)(`vidseg binary${skipReason(built, VIDSEG_BIN, 'run npm run build')}`, { timeout: 600_000 }, () => {
  it('prints help and rejects an unknown command with a did-you-mean and exit code 2', () => {
    const dir = workspace({});
    expect(runCli(['--help'], dir).stdout).toContain('commands:');
    const typo = runCli(['trian'], dir);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown command "trian" (did you mean "train"?)');
    // A two-word command is suggested whole, from its first word alone or with a typo in the second.
    for (const [args, given] of [[['config'], 'config'], [['config', 'prnt', '-c', 'x.yaml'], 'config prnt'], [['config', '--json'], 'config']] as const) {
      const partial = runCli(args, dir);
      expect(partial.status).toBe(2);
      expect(partial.stderr.split('\n')[0]).toBe(`error: unknown command "${given}" (did you mean "config print"?)`);
    }
  });

  it('keeps docs/config-reference.md in step with the schemas', () => {
    const generated = runCli(['list', '--markdown'], workspace({}));
    expect(generated.status).toBe(0);
    const committed = readFileSync(join(REPO, 'docs', 'config-reference.md'), 'utf8');
    expect(committed, 'regenerate with: npx vidseg list --markdown > docs/config-reference.md').toBe(generated.stdout);
  });

  it('validates every shipped config, plugin options included', () => {
    const configs = [
      join(REPO, 'packages', 'cli', 'configs', 'demo.yaml'),
      ...['camvid', 'cityscapes'].flatMap((set) => readdirSync(join(REPO, 'configs', set)).map((name) => join(REPO, 'configs', set, name))),
    ];
    expect(configs.length).toBeGreaterThanOrEqual(10);
    for (const config of configs) {
      const result = runCli(['config', 'print', '--check', '-c', config], REPO);
      expect(result.status, `${config}: ${result.stderr}`).toBe(0);
      expect(result.stderr).toMatch(/plugin entries checked: all valid/);
    }
    const bad = runCli(['config', 'print', '--check', '-c', 'c.yaml'], workspace({ 'c.yaml': TINY_CONFIG.replace('{ type: temporal, weight: 0.1 }', '{ type: temporal, alpah: 2 }') }));
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/losses\[1\]\.alpah: unknown option "alpah" for loss "temporal" \(did you mean "alpha"\?\)/);
  }, 600_000);

  it('lists every plugin that the register() of every workspace package adds', async () => {
    // The reference registry is built independently of the CLI's own package list: every package
    // of the workspace whose entry point exports register(container) contributes its plugins.
    const container = createContainer();
    const packages: string[] = [];
    for (const folder of readdirSync(join(REPO, 'packages'))) {
      const { name } = JSON.parse(readFileSync(join(REPO, 'packages', folder, 'package.json'), 'utf8')) as { name: string };
      const module = (await import(name)) as { register?: unknown };
      if (typeof module.register !== 'function') continue;
      (module.register as (c: typeof container) => void)(container);
      packages.push(name);
    }
    expect(packages).toEqual(expect.arrayContaining(['@vidseg/core', '@vidseg/models', '@vidseg/losses', '@vidseg/data', '@vidseg/flow', '@vidseg/backend-tfjs', '@vidseg/backend-ort']));
    const key = (d: Pick<PluginDescription, 'kind' | 'name'>) => `${d.kind}/${d.name}`;
    const byKey = (a: PluginDescription, b: PluginDescription) => key(a).localeCompare(key(b));
    const expected = (JSON.parse(JSON.stringify(pluginRegistry(container).describe())) as PluginDescription[]).sort(byKey);

    const result = runCli(['list', '--json'], workspace({}));
    expect(result.status, result.stderr).toBe(0);
    const listed = (JSON.parse(result.stdout) as PluginDescription[]).sort(byKey);
    expect(listed.map(key)).toEqual(expected.map(key));
    expect(listed).toEqual(expected); // descriptions and option schemas too
  });

  describe('bad configs give one clear error line and a distinct exit code', () => {
    const cases: [string, Record<string, string>, number, RegExp][] = [
      [
        'an unknown loss name',
        { 'c.yaml': TINY_CONFIG.replace('{ type: temporal, weight: 0.1 }', '{ type: temporral, weight: 0.1 }') },
        3,
        /^error: losses\[1\]\.type: unknown loss "temporral" \(did you mean "temporal"\?\); known losses: .*\(in .*c\.yaml\)$/,
      ],
      ['a wrong type', { 'c.yaml': TINY_CONFIG.replace('steps: 6,', 'steps: many,') }, 3, /^error: train\.steps: Invalid input: expected number, received string \(in .*c\.yaml\)$/],
      ['an unknown key', { 'c.yaml': `${TINY_CONFIG}\nevl: {}\n` }, 3, /^error: evl: unknown key "evl" \(did you mean "eval"\?\)/],
      ['a cyclic extends', { 'c.yaml': 'extends: ./d.yaml\n', 'd.yaml': 'extends: ./c.yaml\n' }, 3, /^error: extends: extends cycle: .*c\.yaml -> .*d\.yaml -> .*c\.yaml/],
      [
        'a missing data path',
        { 'c.yaml': TINY_CONFIG.replace("train: { type: synthetic, split: train, clips: 2, framesPerClip: 8, size: [48, 64] }", 'train: { type: camvid, root: ./no-such-camvid }') },
        4,
        /^error: .*no-such-camvid/,
      ],
      ['a missing config file', { 'other.yaml': TINY_CONFIG }, 2, /^error: vidseg train: config file \S*c\.yaml does not exist$/],
      [
        'an evaluation-only config (no training set, no losses)',
        { 'c.yaml': TINY_CONFIG.replace(/ {2}train: \{ type: synthetic[^\n]*\n/, '').replace(/losses:\n( {2}- [^\n]*\n)+/, '') },
        3,
        /^error: data\.train: missing value: training needs a training set \(a dataset plugin entry\) \(in .*c\.yaml\)$/,
      ],
    ];
    it.each(cases)('%s', (_, files, code, message) => {
      const dir = workspace(files);
      const result = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
      expect(result.status).toBe(code);
      const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for expected errors
      expect(existsSync(join(dir, 'run')), 'a failed start leaves no run folder').toBe(false);
    });

    it.each([
      ['an unknown loss name', '{ type: temporal, weight: 0.1 }', '{ type: temporral, weight: 0.1 }', 3],
      ['a missing data path', 'train: { type: synthetic, split: train, clips: 2, framesPerClip: 8, size: [48, 64] }', 'train: { type: camvid, root: ./no-such-camvid }', 4],
    ] as const)('after %s, the fixed config trains into the same run folder', (_, good, bad, code) => {
      const fixed = TINY_CONFIG.replace('steps: 6,', 'steps: 1,');
      const dir = workspace({ 'c.yaml': fixed.replace(good, bad) });
      expect(runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir).status).toBe(code);
      const resumed = runCli(['train', '--resume', '--run-dir', 'run'], dir);
      expect(resumed.status).toBe(2); // nothing to resume: the bad config was not kept
      expect(resumed.stderr).toMatch(/^error: cannot resume: .*run holds no run/m);
      writeFileSync(join(dir, 'c.yaml'), fixed);
      const rerun = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
      expect(rerun.status, rerun.stderr).toBe(0);
      const saved = JSON.parse(readFileSync(join(dir, 'run', 'config.json'), 'utf8')) as { losses: { type: string }[]; data: { train: { type: string } } };
      expect(saved.losses.map((l) => l.type)).toEqual(['cross-entropy', 'temporal']);
      expect(saved.data.train.type).toBe('synthetic');
    });
  });

  it('trains, exports, infers with the exported model and evaluates it, through the binary', async () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG });
    const train = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
    expect(train.status, train.stderr).toBe(0);
    for (const file of ['config.json', 'config.yaml', 'log.jsonl', 'metrics.json', 'model.onnx']) expect(existsSync(join(dir, 'run', file))).toBe(true);
    const log = readFileSync(join(dir, 'run', 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; step: number });
    expect(log.filter((r) => r.event === 'step').map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const metrics = JSON.parse(readFileSync(join(dir, 'run', 'metrics.json'), 'utf8')) as { steps: number; evaluation: Record<string, number> };
    expect(metrics.steps).toBe(6);
    expect(metrics.evaluation.miou).toBeGreaterThan(0);

    const exported = runCli(['export', '--run-dir', 'run', '--out', 'fixed.onnx', '--set', 'export.inputSize=[48, 64]'], dir);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/input \[48,64\]/);

    const missing = runCli(['infer', '--model', 'fixed.onnx', '--input', 'frames', '--out', 'out'], dir);
    expect(missing.status).toBe(4); // the input folder does not exist yet: a data error
    expect(missing.stderr).toMatch(/^error: input .*frames does not exist/m);

    const { readLabelMap, readRgbImage, SyntheticDataset, writePng } = await import('@vidseg/data');
    const clips = new SyntheticDataset({ split: 'test', clips: 1, framesPerClip: 3, size: [48, 64] });
    mkdirSync(join(dir, 'frames'));
    for (let i = 0; i < 3; i++) await writePng(join(dir, 'frames', `f${i}.png`), (await clips.frame(i)).image);
    const inferred = runCli(['infer', '--model', 'fixed.onnx', '--input', 'frames', '--out', 'out'], dir);
    expect(inferred.status, inferred.stderr).toBe(0);
    expect(inferred.stdout).toMatch(/^segmented 3 frames/);
    const names = ['f0.png', 'f1.png', 'f2.png'];
    expect(readdirSync(join(dir, 'out', 'labels')).sort()).toEqual(names);
    expect(readdirSync(join(dir, 'out', 'overlays')).sort()).toEqual(names);
    // Every label map decodes as 8-bit class ids of the synthetic label space, at the frame size.
    const expectation = { classCount: clips.classes.length, ignoreLabel: clips.ignoreLabel, width: 64, height: 48 };
    const labels = await Promise.all(names.map((name) => readLabelMap(join(dir, 'out', 'labels', name), expectation)));
    for (const name of [...names.map((n) => join('overlays', n)), 'preview.webp']) {
      const image = await readRgbImage(join(dir, 'out', name));
      expect([image.width, image.height], name).toEqual([64, 48]);
    }
    // Frames twice the fixed model's size are shrunk to it and the labels come back at their size;
    // --native-size keeps them, which this model refuses with a usage error naming both sizes.
    const { resizeImageArea } = await import('@vidseg/core');
    mkdirSync(join(dir, 'big'));
    for (let i = 0; i < 2; i++) await writePng(join(dir, 'big', `b${i}.png`), resizeImageArea((await clips.frame(i)).image, 96, 128));
    const resized = runCli(['infer', '--model', 'fixed.onnx', '--input', 'big', '--out', 'out-big', '--no-overlays'], dir);
    expect(resized.status, resized.stderr).toBe(0);
    expect(resized.stderr).toMatch(/frames 128x96, model run at 64x48 \(labels resized back; --native-size keeps the frame size\)/);
    expect((await readRgbImage(join(dir, 'out-big', 'labels', 'b0.png'))).width).toBe(128);
    expect(readFileSync(join(dir, 'out-big', 'frames.csv'), 'utf8')).toBe(`output,input\nb0,${join(dir, 'big', 'b0.png')}\nb1,${join(dir, 'big', 'b1.png')}\n`);
    const native = runCli(['infer', '--model', 'fixed.onnx', '--input', 'big', '--out', 'out-native', '--native-size'], dir);
    expect(native.status).toBe(2);
    expect(native.stderr).toMatch(/frame is 128x96 \(WxH\), the model takes 64x48/);

    // The fixed-size export segments exactly as the run's dynamic-size model.
    const dynamic = runCli(['infer', '--model', 'run/model.onnx', '--input', 'frames', '--out', 'out-dynamic', '--no-overlays'], dir);
    expect(dynamic.status, dynamic.stderr).toBe(0);
    for (const [i, name] of names.entries()) expect((await readLabelMap(join(dir, 'out-dynamic', 'labels', name), expectation)).data).toEqual(labels[i]!.data);

    const evaluation = runCli(['eval', '--run-dir', 'run', '--model', 'fixed.onnx', '--split', 'val'], dir);
    expect(evaluation.status, evaluation.stderr).toBe(0);
    expect(evaluation.stdout).toMatch(/fixed\.onnx on synthetic\/val/);
    expect(evaluation.stdout).toMatch(/miou\s+\d+\.\d+ %/);
    const record = JSON.parse(readFileSync(join(dir, 'run', 'eval-val.json'), 'utf8')) as { model: string; values: Record<string, number>; frames: number };
    expect(record.model).toBe(join(dir, 'fixed.onnx'));
    expect(record.frames).toBe(4);
    // The exported ONNX model agrees with the training engine's own final evaluation.
    expect(record.values.miou).toBeCloseTo(metrics.evaluation.miou!, 2);
    expect(record.values.tc).toBeCloseTo(metrics.evaluation.tc!, 2);
  }, 600_000);

  it('stops cleanly on Ctrl-C with a checkpoint, and --resume finishes the same run', async () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace('steps: 6,', 'steps: 120,').replace('checkpointEvery: 2', 'checkpointEvery: 100') });
    const interrupted = await runCliUntil(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir, /train\s.*\b[3-9]\/120\b/, 'SIGINT');
    expect(interrupted.signalled).toBe(true);
    expect(interrupted.status).toBe(130);
    expect(interrupted.stdout).toMatch(/^stopped \d+ steps/);
    const stoppedAt = Number(/^stopped (\d+) steps/.exec(interrupted.stdout)![1]);
    expect(stoppedAt).toBeLessThan(120);
    expect(existsSync(join(dir, 'run', 'checkpoints', 'latest.json'))).toBe(true);
    expect(existsSync(join(dir, 'run', 'model.onnx'))).toBe(false);

    const again = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
    expect(again.status).toBe(2); // a new run would overwrite: refused
    expect(again.stderr).toMatch(/already holds a run/);

    const resumed = runCli(['train', '--resume', '--run-dir', 'run'], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    const steps = readFileSync(join(dir, 'run', 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; step: number }).filter((r) => r.event === 'step').map((r) => r.step);
    expect(steps).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(existsSync(join(dir, 'run', 'model.onnx'))).toBe(true);
  });

  it('resumes a run killed outright from its last periodic checkpoint, logging every step once', async () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace('steps: 6,', 'steps: 120,').replace('checkpointEvery: 2', 'checkpointEvery: 20') });
    const killed = await runCliUntil(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir, /train\s.*\b(4[5-9]|5\d)\/120\b/, 'SIGKILL');
    expect(killed.signalled).toBe(true);
    expect(existsSync(join(dir, 'run', 'checkpoints', 'latest.json'))).toBe(true);
    const resumed = runCli(['train', '--resume', '--run-dir', 'run'], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    const records = await readRunLog(join(dir, 'run', 'log.jsonl'));
    expect(records.filter((r) => r.event === 'step').map((r) => r.step)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const resume = records.find((r) => r.event === 'resume')!;
    expect(resume.step % 20).toBe(0);
    expect(resume.step).toBeGreaterThanOrEqual(40);
  });

  it("computes median-frequency class weights from the training labels and saves them in the run's config", () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace('steps: 6,', 'steps: 1,').replace('- { type: cross-entropy }', '- { type: cross-entropy, classWeights: median-frequency }') });
    const result = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/cross-entropy: median-frequency class weights from the \d+ label maps of synthetic\/train: [\d.]+(, [\d.]+){10}/);
    const saved = JSON.parse(readFileSync(join(dir, 'run', 'config.json'), 'utf8')) as { losses: { type: string; classWeights?: number[] }[] };
    const weights = saved.losses[0]!.classWeights!;
    expect(weights).toHaveLength(11);
    expect(weights.every((w) => w >= 0 && Number.isFinite(w))).toBe(true);
    // Median-frequency balancing gives the median class weight 1 (the mean of the middle two for an even count).
    const occurring = weights.filter((w) => w > 0).sort((a, b) => a - b);
    const middle = occurring.length >> 1;
    const median = occurring.length % 2 === 1 ? occurring[middle]! : (occurring[middle - 1]! + occurring[middle]!) / 2;
    expect(median).toBeCloseTo(1, 9);
  });

  it("resolves a run folder's saved config against the folder of the original config", () => {
    const dir = workspace({});
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(join(dir, 'cfg', 'noop-plugin.mjs'), 'export function register() {}\n');
    writeFileSync(join(dir, 'cfg', 'c.yaml'), `plugins: ['./noop-plugin.mjs']\n${TINY_CONFIG.replace('steps: 6,', 'steps: 1,')}`);
    expect(runCli(['train', '-c', 'cfg/c.yaml', '--run-dir', 'run'], dir).status).toBe(0);
    const exported = runCli(['export', '--run-dir', 'run', '--out', 'again.onnx'], dir);
    expect(exported.status, exported.stderr).toBe(0);
    expect(existsSync(join(dir, 'again.onnx'))).toBe(true);
  });

  it('precomputes the flow cache of a split, then finds every flow cached', () => {
    const config = TINY_CONFIG.replace('eval: {', 'eval: { flow: { type: cached, dir: flow-cache, estimator: { type: exact } },');
    const dir = workspace({ 'c.yaml': config });
    const first = runCli(['flow', '-c', 'c.yaml', '--split', 'val'], dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^3 flows of synthetic\/val in .*flow-cache: 3 computed, 0 already cached/);
    expect(runCli(['flow', '-c', 'c.yaml', '--split', 'val'], dir).stdout).toMatch(/3 flows .*: 0 computed, 3 already cached/);
    const notCached = runCli(['flow', '-c', 'c.yaml'], workspace({ 'c.yaml': TINY_CONFIG }));
    expect(notCached.status).toBe(2);
    expect(notCached.stderr).toMatch(/fills the cache of a "cached" flow estimator/);
  });

  it('compares trained runs in one report, evaluating those not yet evaluated', () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace('steps: 6,', 'steps: 2,') });
    for (const name of ['a', 'b']) expect(runCli(['train', '-c', 'c.yaml', '--run-dir', name, '--set', `seed=${name === 'a' ? 1 : 2}`], dir).status).toBe(0);
    const result = runCli(['report', '--run-dir', 'a', '--run-dir', 'b', '--model', 'again=a/model.onnx', '--out', 'report'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^a \(cross-entropy \+ temporal x0\.1\)\s+\d/m);
    expect(result.stdout).toMatch(/^again\s+\d/m);
    for (const file of ['report/report.html', 'report/side-by-side.webp', 'a/eval-val.json', 'b/eval-val.json']) expect(existsSync(join(dir, file)), file).toBe(true);
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('<td>again</td>');
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('makes a student and runs the demo from it on a tiny budget: summary table, verdict, summary.json, report with every part', { timeout: 600_000 }, async () => {
    const dir = workspace({});
    const clips = (split: string, count: number) => `data.${split}={type: synthetic, split: ${split}, clips: ${count}, framesPerClip: 4, size: [48, 64]}`;
    const tiny = ['train.inputSize=[48, 64]', 'train.batchSize=1', 'train.schedule.warmupSteps=0', 'train.evalEvery=2', 'train.logEvery=1', clips('train', 2), clips('val', 1)];
    const sets = tiny.flatMap((set) => ['--set', set]);
    const made = runCli(['demo', '--make-student', '--out', 'student-run', '--student', 'student.safetensors', '--steps', '2', ...sets], dir);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain(`pretrained student: ${join(dir, 'student.safetensors')}`);
    const { readSafetensors } = await import('@vidseg/core');
    const student = readSafetensors(new Uint8Array(readFileSync(join(dir, 'student.safetensors'))));
    expect(student.tensors.size).toBeGreaterThan(100);
    expect(student.metadata).toMatchObject({ producer: 'vidseg demo --make-student', steps: '2' });

    const result = runCli(['demo', '--out', 'demo', '--student', 'student.safetensors', '--steps', '4', '--temporal-weight', '1', ...sets], dir);
    expect(result.status, result.stderr).toBe(0);
    // It says how long it will take before it starts training.
    expect(result.stderr).toMatch(/this takes about [^\n]*\n[\s\S]*== baseline/);

    const titles = ['cross-entropy', 'cross-entropy + temporal loss (weight 1)'];
    const rows = result.stdout.split('\n').filter((line) => /^cross-entropy/.test(line));
    expect(rows.map((row) => row.replace(/(\s+\d+\.\d( %)?){4}$/, ''))).toEqual(titles);
    expect(result.stdout).toContain(`report: ${join(dir, 'demo', 'report.html')}`);
    expect(result.stdout).toMatch(/^demo wall time: \S+$/m);

    // summary.json: per model mIoU, TC, VC_2 (fractions), parameters, ms/frame; the seed.
    const summary = JSON.parse(readFileSync(join(dir, 'demo', 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ seed: 1, steps: 4 });
    expect(summary.student).toMatch(/^MobileNetV2 x0\.35 \(output stride 8, 64-channel head\), 0\.26 M parameters/);
    for (const key of ['baseline', 'temporal']) {
      const model = summary.models[key];
      for (const metric of ['miou', 'tc', 'vc2']) expect(model[metric], `${key}.${metric}`).toBeGreaterThanOrEqual(0);
      for (const metric of ['miou', 'tc', 'vc2']) expect(model[metric], `${key}.${metric}`).toBeLessThanOrEqual(1);
      expect(model.params).toBe(258219);
      expect(model.msPerFrame).toBeGreaterThan(0);
    }
    expect(summary.models.temporal.title).toBe(titles[1]);

    const html = readFileSync(join(dir, 'demo', 'report.html'), 'utf8');
    for (const title of titles) expect(html).toContain(`<td>${title}</td>`);
    // The verdict, computed from the same numbers as summary.json.
    const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
    const verdict = /<p class="verdict">([^<]+)<\/p>/.exec(html)?.[1] ?? '';
    expect(verdict).toBe(summary.verdict.replace(/&/g, '&amp;'));
    expect(verdict).toContain(`TC ${pct(summary.models.temporal.tc)} vs ${pct(summary.models.baseline.tc)}`);
    expect(verdict).toContain(`VC_2 ${pct(summary.models.temporal.vc2)} vs ${pct(summary.models.baseline.vc2)}`);
    // One latency figure (the same network), not a column per model.
    expect(html).not.toContain('<th>ms/frame</th>');
    expect(html).toMatch(/the models are the same network, so they cost the same per frame: [\d.]+ ms per frame/);
    // Curves for every metric of the table (loss, mIoU, TC, VC_2), each with a line per model and the legend below the plot.
    const charts = (html.match(/<svg[\s\S]*?<\/svg>/g) ?? []).filter((svg) => svg.includes('during training') || svg.includes('training loss'));
    expect(charts.map((chart) => /font-size="13">([^<]+)</.exec(chart)?.[1])).toEqual([
      'training loss (mean of 10 steps)',
      'held-out mIoU during training (%)',
      'held-out TC during training (%)',
      'held-out VC_2 during training (%)',
    ]);
    for (const chart of charts) for (const title of titles) expect(chart).toContain(`>${title}</text>`);
    for (const chart of charts.slice(1)) expect(chart.match(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+"/g)).toHaveLength(2);
    // The flicker strip: a row per model, a cell per consecutive frame pair of the animation (4 frames: 3 pairs).
    const strip = /<h2>Flicker per frame<\/h2>[\s\S]*?(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1] ?? '';
    for (const title of titles) expect(strip).toContain(`>${title}</text>`);
    expect(strip.match(/<rect /g)).toHaveLength(2 * 3);
    // The side-by-side animation: frame | ground truth | baseline | temporal, at 2x, 6 px apart, with titles and the colour legend.
    const panels = [...html.matchAll(/<div class="panels">(.*?)<\/div>/g)][0]?.[1] ?? '';
    expect([...panels.matchAll(/<span>([^<]+)<\/span>/g)].map((m) => m[1])).toEqual(['frame', 'ground truth', ...titles]);
    expect(html.match(/<span class="swatch">/g)).toHaveLength(11);
    const image = /<img src="([^"]+)"/.exec(html)?.[1];
    expect(image).toBe('side-by-side.webp');
    const { readRgbImage } = await import('@vidseg/data');
    const animation = await readRgbImage(join(dir, 'demo', image!));
    expect([animation.width, animation.height]).toEqual([4 * 2 * 64 + 3 * 6, 2 * 48]);
    for (const run of ['baseline', 'temporal']) expect(existsSync(join(dir, 'demo', run, 'model.onnx')), run).toBe(true);
  });

  it('ships the pretrained demo student', () => {
    const shipped = join(REPO, 'packages', 'cli', 'assets', 'demo-student.safetensors');
    expect(existsSync(shipped), 'make it with: npx vidseg demo --make-student').toBe(true);
    const { files } = JSON.parse(readFileSync(join(REPO, 'packages', 'cli', 'package.json'), 'utf8')) as { files: string[] };
    expect(files).toContain('assets');
  });

  const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
  it.skipIf(!hasFfmpeg)(`infers a video file through the system ffmpeg${skipReason(hasFfmpeg, 'ffmpeg', 'install ffmpeg')}`, async () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace('steps: 6,', 'steps: 1,') });
    expect(runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir).status).toBe(0);
    const { SyntheticDataset, writePng } = await import('@vidseg/data');
    const clips = new SyntheticDataset({ split: 'test', clips: 1, framesPerClip: 4, size: [48, 64] });
    mkdirSync(join(dir, 'frames'));
    for (let i = 0; i < 4; i++) await writePng(join(dir, 'frames', `${i}.png`), (await clips.frame(i)).image);
    const encode = spawnSync('ffmpeg', ['-v', 'error', '-framerate', '8', '-i', join(dir, 'frames', '%d.png'), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', join(dir, 'clip.mp4')]);
    expect(encode.status, encode.stderr.toString()).toBe(0);
    const result = runCli(['infer', '--model', 'run/model.onnx', '--input', 'clip.mp4', '--out', 'out'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out', 'labels'))).toHaveLength(4);
    expect(existsSync(join(dir, 'out', 'preview.webp'))).toBe(true);
  });
});
