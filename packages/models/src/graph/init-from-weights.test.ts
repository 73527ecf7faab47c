import { DataError, type NamedTensors } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { buildEspnet } from '../zoo/espnet/build-espnet.js';
import { initFromWeights } from './init-from-weights.js';
import { initializeParameters } from './initialize-parameters.js';

/** A Cityscapes ESPNet p2q3 "file" (random, seed 1) and a CamVid-class student of the same depth. */
const cityscapesFile = (): NamedTensors => initializeParameters(buildEspnet({ variant: 'cityscapes', p: 2, q: 3 }).graph, 1);
const camvidStudent = () => buildEspnet({ variant: 'cityscapes', p: 2, q: 3, classes: 'camvid' });

/** Tensors of ESPNet whose shape depends on the class count K (../shared/models/README.md section 8). */
const K_DEPENDENT = /^(encoder\.classifier|level3_C|br\.|up_l3|combine_l2_l3|up_l2|conv\.|classifier)/;

describe('initFromWeights', () => {
  it('loads every K-independent tensor of a 20-class file into an 11-class student and re-initialises only the K-dependent ones', () => {
    const file = cityscapesFile();
    const student = camvidStudent();
    const { tensors, report } = initFromWeights(student.graph, file, { seed: 3, source: 'p2q3.safetensors' });
    const names = student.graph.params.map((p) => p.name);
    expect(report.loaded).toEqual(names.filter((n) => !K_DEPENDENT.test(n)));
    expect(report.skippedByShape).toEqual(names.filter((n) => K_DEPENDENT.test(n)));
    expect(report.notFound).toEqual([]);
    expect(report.unused).toEqual([]);
    expect(report.loaded).toContain('encoder.level3.2.bn.bn.running_var');
    expect(report.shapeMismatches[0]).toEqual({ name: 'encoder.classifier.conv.weight', expected: [11, 256, 1, 1], found: [20, 256, 1, 1], dtype: 'F32' });
    // Loaded tensors are the file's; the others are the seeded fresh initialisation.
    expect(tensors.get('encoder.level1.conv.weight')).toBe(file.get('encoder.level1.conv.weight'));
    expect(tensors.get('classifier.weight')!.data).toEqual(initializeParameters(student.graph, 3).get('classifier.weight')!.data);
    expect(tensors.get('classifier.weight')!.shape).toEqual([11, 11, 2, 2]);
  });

  it('maps the ESPNet-C prefix "" to "encoder." and reports the decoder as not found', () => {
    const encoder = initializeParameters(buildEspnet({ variant: 'cityscapes', p: 2, q: 3, encoderOnly: true }).graph, 2);
    expect([...encoder.keys()][0]).toBe('level1.conv.weight');
    const student = camvidStudent();
    const { report } = initFromWeights(student.graph, encoder, { map: { '': 'encoder.' } });
    expect(report.loaded).toEqual(student.graph.params.map((p) => p.name).filter((n) => n.startsWith('encoder.') && !n.startsWith('encoder.classifier')));
    expect(report.skippedByShape).toEqual(['encoder.classifier.conv.weight']);
    expect(report.notFound).toEqual(student.graph.params.map((p) => p.name).filter((n) => !n.startsWith('encoder.')));
  });

  it('leaves tensors named by a skip pattern at their initialisation, and lists file tensors the model lacks', () => {
    const file = cityscapesFile();
    file.set('extra.weight', { dtype: 'F32', shape: [1], data: new Float32Array(1) });
    const { report } = initFromWeights(buildEspnet({ variant: 'cityscapes', p: 2, q: 3 }).graph, file, { skip: ['encoder.level3.*.d16.*', 'classifier.weight'] });
    expect(report.skippedByPattern).toEqual([0, 1, 2].map((i) => `encoder.level3.${i}.d16.conv.weight`).concat('classifier.weight'));
    expect(report.skippedByShape).toEqual([]);
    expect(report.unused).toEqual(['extra.weight']);
    expect(report.loaded).toHaveLength(134 - 4);
  });

  // 36 K-dependent tensors: encoder.classifier, level3_C, br (4), up_l3, combine_l2_l3.0 (5), combine_l2_l3.1 (11),
  // up_l2.0, up_l2.1 (5), conv (6), classifier.
  it('refuses a file that matches nothing, and a shape mismatch under strict, naming the file', () => {
    const encoder = initializeParameters(buildEspnet({ variant: 'cityscapes', p: 2, q: 3, encoderOnly: true }).graph, 2);
    const student = camvidStudent();
    expect(() => initFromWeights(student.graph, encoder, { source: 'c.safetensors' })).toThrow(DataError);
    expect(() => initFromWeights(student.graph, encoder, { source: 'c.safetensors' })).toThrow(/^c\.safetensors: matches nothing in the model/);
    expect(() => initFromWeights(student.graph, cityscapesFile(), { strict: true, source: 'p.safetensors' })).toThrow(
      /p\.safetensors: 36 tensor\(s\) differ in shape from the model \(strict\):\n {2}encoder\.classifier\.conv\.weight: file \[20, 256, 1, 1\], model \[11, 256, 1, 1\]/,
    );
  });
});
