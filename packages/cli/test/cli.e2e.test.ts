import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunLog } from '../src/run/read-run-log.js';
import { runCli, runCliUntil, TINY_CONFIG, VIDSEG_BIN, workspace } from './run-cli.js';

const built = existsSync(VIDSEG_BIN);
const skipReason = built ? '' : `(skipped: ${VIDSEG_BIN} not built; run npm run build)`;

describe.skipIf(!built)(`vidseg binary ${skipReason}`, () => {
  it('prints help and rejects an unknown command with a did-you-mean and exit code 2', () => {
    const dir = workspace({});
    expect(runCli(['--help'], dir).stdout).toContain('commands:');
    const typo = runCli(['trian'], dir);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown command "trian" (did you mean "train"?)');
  });

  it('keeps docs/config-reference.md in step with the schemas', () => {
    const generated = runCli(['list', '--markdown'], workspace({}));
    expect(generated.status).toBe(0);
    const committed = readFileSync(join(dirname(VIDSEG_BIN), '..', '..', '..', '..', 'docs', 'config-reference.md'), 'utf8');
    expect(committed, 'regenerate with: npx vidseg list --markdown > docs/config-reference.md').toBe(generated.stdout);
  });

  it('validates every shipped config, plugin options included', () => {
    const repo = join(dirname(VIDSEG_BIN), '..', '..', '..', '..');
    const configs = [
      join(repo, 'packages', 'cli', 'configs', 'demo.yaml'),
      ...['camvid', 'cityscapes'].flatMap((set) => readdirSync(join(repo, 'configs', set)).map((name) => join(repo, 'configs', set, name))),
    ];
    expect(configs.length).toBeGreaterThanOrEqual(10);
    for (const config of configs) {
      const result = runCli(['config', 'print', '--check', '-c', config], repo);
      expect(result.status, `${config}: ${result.stderr}`).toBe(0);
      expect(result.stderr).toMatch(/plugin entries checked: all valid/);
    }
    const bad = runCli(['config', 'print', '--check', '-c', 'c.yaml'], workspace({ 'c.yaml': TINY_CONFIG.replace('{ type: temporal, weight: 0.1 }', '{ type: temporal, alpah: 2 }') }));
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/losses\[1\]\.alpah: unknown option "alpah" for loss "temporal" \(did you mean "alpha"\?\)/);
  });

  it('lists every plugin kind with the built-in plugins', () => {
    const result = runCli(['list', '--json'], workspace({}));
    expect(result.status).toBe(0);
    const plugins = JSON.parse(result.stdout) as { kind: string; name: string }[];
    const names = (kind: string) => plugins.filter((p) => p.kind === kind).map((p) => p.name);
    expect(names('model')).toEqual(expect.arrayContaining(['espnet', 'mobilenetv2', 'pspnet', 'tiny']));
    expect(names('loss')).toEqual(expect.arrayContaining(['cross-entropy', 'temporal']));
    expect(names('distiller')).toEqual(expect.arrayContaining(['pixel-wise', 'pair-wise-frame', 'pair-wise', 'multi-frame']));
    expect(names('dataset')).toEqual(expect.arrayContaining(['synthetic', 'camvid', 'cityscapes', 'frames', 'video']));
    expect(names('flow')).toEqual(expect.arrayContaining(['exact', 'farneback', 'flo', 'onnx']));
    expect(names('backend')).toEqual(expect.arrayContaining(['auto', 'wasm', 'cpu', 'webgpu', 'tensorflow']));
    expect(names('runtime').length).toBeGreaterThan(0);
    expect(names('metric')).toEqual(['miou', 'tc', 'vc']);
    expect(names('teacher')).toEqual(expect.arrayContaining(['zoo', 'onnx']));
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
    ];
    it.each(cases)('%s', (_, files, code, message) => {
      const dir = workspace(files);
      const result = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
      expect(result.status).toBe(code);
      const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for expected errors
    });
  });

  it('trains, exports, infers and evaluates through the binary', () => {
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

    const frames = runCli(['infer', '--model', 'run/model.onnx', '--input', 'frames', '--out', 'out'], dir);
    expect(frames.status).toBe(4); // the input folder does not exist yet: a data error
    expect(frames.stderr).toMatch(/^error: input .*frames does not exist/m);

    const evaluation = runCli(['eval', '--run-dir', 'run', '--split', 'val'], dir);
    expect(evaluation.status, evaluation.stderr).toBe(0);
    expect(evaluation.stdout).toMatch(/miou\s+\d+\.\d+ %/);
    const record = JSON.parse(readFileSync(join(dir, 'run', 'eval-val.json'), 'utf8')) as { values: Record<string, number>; frames: number };
    expect(record.frames).toBe(4);
    // The ONNX model agrees with the training engine's own final evaluation.
    expect(record.values.miou).toBeCloseTo(metrics.evaluation.miou!, 2);
  });

  it('infers a folder of frames: label PNGs, overlays and an animated preview', async () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace('steps: 6,', 'steps: 1,') });
    expect(runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir).status).toBe(0);
    const { SyntheticDataset, writePng } = await import('@vidseg/data');
    const clips = new SyntheticDataset({ split: 'test', clips: 1, framesPerClip: 3, size: [48, 64] });
    mkdirSync(join(dir, 'frames'));
    for (let i = 0; i < 3; i++) await writePng(join(dir, 'frames', `f${i}.png`), (await clips.frame(i)).image);
    const result = runCli(['infer', '--model', 'run/model.onnx', '--input', 'frames', '--out', 'out'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out', 'labels')).sort()).toEqual(['f0.png', 'f1.png', 'f2.png']);
    expect(readdirSync(join(dir, 'out', 'overlays'))).toHaveLength(3);
    expect(existsSync(join(dir, 'out', 'preview.webp'))).toBe(true);
  });

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

  const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
  it.skipIf(!hasFfmpeg)(`infers a video file through the system ffmpeg${hasFfmpeg ? '' : ' (skipped: no ffmpeg on this machine)'}`, async () => {
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
