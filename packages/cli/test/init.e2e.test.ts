import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildEspnet } from '@vidseg/models';
import { requireShared, skipReason } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { runCli, VIDSEG_BIN } from './run-cli.js';

const REPO = join(dirname(VIDSEG_BIN), '..', '..', '..', '..');
const models = requireShared('models');
const camvid = requireShared('data', 'camvid');
const reason = skipReason(existsSync(VIDSEG_BIN), VIDSEG_BIN, 'run npm run build') || models.skipReason || camvid.skipReason;
const CONFIG = join(REPO, 'configs', 'camvid', 'init-from-cityscapes.yaml');

/** ESPNet tensors whose shape depends on the class count (../shared/models/README.md section 8). */
const K_DEPENDENT = /^(encoder\.classifier|level3_C|br\.|up_l3|combine_l2_l3|up_l2|conv\.|classifier)/;
/** The student of the shipped config, built here from its description. */
const studentTensors = buildEspnet({ variant: 'cityscapes', p: 2, q: 3, classes: 'camvid' }).graph.params.map((p) => p.name);

/** Two tiny steps of the shipped config into a fresh folder, then its init.json. */
function trainTwoSteps(extra: readonly string[]): { loaded: string[]; skippedByShape: string[]; skippedByPattern: string[]; notFound: string[]; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vidseg-init-'));
  const sets = ['train.steps=2', 'train.batchSize=1', 'train.accumulate=1', 'train.evalEvery=0', 'train.checkpointEvery=0', 'eval.metrics=[{type: miou}]', ...extra];
  const result = runCli(['train', '-c', CONFIG, '--run-dir', 'run', ...sets.flatMap((s) => ['--set', s])], dir);
  expect(result.status, result.stderr).toBe(0);
  return { ...JSON.parse(readFileSync(join(dir, 'run', 'init.json'), 'utf8')), stderr: result.stderr };
}

describe.skipIf(reason !== '')(`vidseg train with model.init on CamVid ${reason}`, { timeout: 900_000 }, () => {
  it('initialises the CamVid student from the Cityscapes p2q3 weights: every class-independent tensor loaded, the class-dependent ones re-initialised', () => {
    const report = trainTwoSteps([]);
    expect(report.loaded).toEqual(studentTensors.filter((n) => !K_DEPENDENT.test(n)));
    expect(report.skippedByShape).toEqual(studentTensors.filter((n) => K_DEPENDENT.test(n)));
    expect(report.skippedByPattern).toEqual([]);
    expect(report.notFound).toEqual([]);
    expect(report.stderr).toMatch(/initialised from .*espnet-p2q3-cityscapes\.safetensors: 98 tensors loaded, 36 skipped by shape/);
  });

  it('loads an ESPNet-C encoder through the prefix map "" -> "encoder."', () => {
    const encoder = join(models.path!, 'espnet-c-p2q3-cityscapes.safetensors');
    const report = trainTwoSteps([`model.init.file=${JSON.stringify(encoder)}`, "model.init.map={'': 'encoder.'}"]);
    expect(report.loaded).toEqual(studentTensors.filter((n) => n.startsWith('encoder.') && !n.startsWith('encoder.classifier')));
    expect(report.skippedByShape).toEqual(['encoder.classifier.conv.weight']);
    expect(report.notFound).toEqual(studentTensors.filter((n) => !n.startsWith('encoder.')));
  });
});
