import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, writeSafetensors } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { initializeParameters } from '../graph/initialize-parameters.js';
import { buildEspnet } from '../zoo/espnet/build-espnet.js';
import { describeInitReport, loadModelInit } from './load-model-init.js';

describe('loadModelInit', () => {
  const folder = mkdtempSync(join(tmpdir(), 'vidseg-init-'));
  const source = buildEspnet({ variant: 'cityscapes', p: 2, q: 3, encoderOnly: true });
  writeFileSync(join(folder, 'encoder.safetensors'), writeSafetensors(initializeParameters(source.graph, 5)));
  const student = buildEspnet({ variant: 'cityscapes', p: 2, q: 3, classes: 'camvid' });

  it('reads the file relative to baseDir, applies the map and describes the report in one line', async () => {
    const { report } = await loadModelInit(student.graph, { file: 'encoder.safetensors', map: { '': 'encoder.' } }, { seed: 1, baseDir: folder });
    expect(report.source).toBe(join(folder, 'encoder.safetensors'));
    expect(report.loaded.length).toBe(source.graph.params.length - 1);
    expect(describeInitReport(report)).toBe(
      `initialised from ${join(folder, 'encoder.safetensors')}: ${source.graph.params.length - 1} tensors loaded, ` +
        '1 skipped by shape (encoder.classifier.conv.weight [20, 256, 1, 1] -> [11, 256, 1, 1]), 0 skipped by pattern, ' +
        `${student.graph.params.length - source.graph.params.length} not in the file`,
    );
  });

  it('names a missing file, a folder and a file that matches nothing', async () => {
    await expect(loadModelInit(student.graph, { file: 'nope.safetensors' }, { seed: 1, baseDir: folder })).rejects.toThrow(DataError);
    await expect(loadModelInit(student.graph, { file: 'nope.safetensors' }, { seed: 1, baseDir: folder })).rejects.toThrow(/model\.init\.file .*nope\.safetensors cannot be read/);
    await expect(loadModelInit(student.graph, { file: '.' }, { seed: 1, baseDir: folder })).rejects.toThrow(/is a folder, not a safetensors file/);
    await expect(loadModelInit(student.graph, { file: 'encoder.safetensors' }, { seed: 1, baseDir: folder })).rejects.toThrow(/matches nothing in the model/);
  });
});
