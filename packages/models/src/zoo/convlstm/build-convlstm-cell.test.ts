import type { NamedTensors } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { runReferenceGraph } from '../../testing/reference-graph.js';
import { countParameters } from '../../graph/count-model.js';
import { inferShapes } from '../../graph/infer-shapes.js';
import { buildConvLstmCell, CONVLSTM_GATES } from './build-convlstm-cell.js';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('buildConvLstmCell', () => {
  it('has one conv per gate over concat(x, h) and outputs h and c at the input size', () => {
    const graph = buildConvLstmCell({ inputChannels: 5, hiddenChannels: 3 });
    expect(graph.inputs).toEqual([
      { name: 'x', channels: 5 },
      { name: 'h', channels: 3 },
      { name: 'c', channels: 3 },
    ]);
    expect(graph.params.filter((p) => p.name.endsWith('.weight')).map((p) => [p.name, p.shape])).toEqual(
      CONVLSTM_GATES.map((g) => [`gates.${g}.weight`, [3, 8, 3, 3]]),
    );
    expect(countParameters(graph)).toEqual({ trainable: 4 * (3 * 8 * 9 + 3), buffers: 0 });
    const shapes = inferShapes(graph, { x: [6, 7], h: [6, 7], c: [6, 7] });
    expect(shapes.get(graph.outputs.hidden!)).toEqual([3, 6, 7]);
    expect(shapes.get(graph.outputs.cell!)).toEqual([3, 6, 7]);
  });

  it('computes c\' = f c + i g and h\' = o tanh(c\'), by hand on 1x1 gates', () => {
    const graph = buildConvLstmCell({ inputChannels: 1, hiddenChannels: 1, kernel: 1 });
    // Gate pre-activation = wx * x + wh * h + bias, per gate.
    const gates = { input: [0.5, -1, 0.1], forget: [1, 0.25, 1], output: [-0.3, 2, 0], cell: [2, 0.5, -0.2] };
    const params: NamedTensors = new Map();
    for (const [gate, [wx, wh, bias]] of Object.entries(gates)) {
      params.set(`gates.${gate}.weight`, { dtype: 'F32', shape: [1, 2, 1, 1], data: Float32Array.of(wx!, wh!) });
      params.set(`gates.${gate}.bias`, { dtype: 'F32', shape: [1], data: Float32Array.of(bias!) });
    }
    const plane = (...v: number[]) => ({ shape: [1, 1, 1, v.length] as const, data: Float64Array.from(v) });
    const [x, h, c] = [plane(0.3, -1.2), plane(-0.5, 0.8), plane(1.5, -0.4)];
    const out = runReferenceGraph(graph, params, { x, h, c });
    for (let p = 0; p < 2; p++) {
      const pre = (gate: keyof typeof gates) => gates[gate][0]! * x.data[p]! + gates[gate][1]! * h.data[p]! + gates[gate][2]!;
      const cell = sigmoid(pre('forget')) * c.data[p]! + sigmoid(pre('input')) * Math.tanh(pre('cell'));
      expect(out.get('cell')!.data[p]).toBeCloseTo(cell, 6);
      expect(out.get('hidden')!.data[p]).toBeCloseTo(sigmoid(pre('output')) * Math.tanh(cell), 6);
    }
  });

  it('rejects an even kernel', () => {
    expect(() => buildConvLstmCell({ inputChannels: 1, hiddenChannels: 1, kernel: 2 })).toThrow(/convlstm-cell.*kernel: must be odd/s);
  });
});
