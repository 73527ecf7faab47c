import { DataError } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { decodeFlo, encodeFlo } from './flo-format.js';
import { flowToColour } from './flow-colour.js';

describe('.flo files', () => {
  it('round-trips a flow and writes the Middlebury header', () => {
    const flow = { width: 3, height: 2, data: Float32Array.from([0, 1, -2.5, 3, 4, 5, 6, 7, 8, 9, 10.25, -11]) };
    const bytes = encodeFlo(flow);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('PIEH');
    expect(bytes.length).toBe(12 + 12 * 4);
    expect(decodeFlo(bytes, 'a.flo')).toEqual(flow);
  });

  it('names the file of a short, foreign or truncated .flo', () => {
    const bytes = encodeFlo({ width: 2, height: 2, data: new Float32Array(8) });
    expect(() => decodeFlo(bytes.subarray(0, 5), 'x.flo')).toThrow('x.flo: 5 bytes is too short for a .flo file');
    expect(() => decodeFlo(new Uint8Array(44), 'y.flo')).toThrow(DataError);
    expect(() => decodeFlo(new Uint8Array(44), 'y.flo')).toThrow(/y\.flo: not a Middlebury \.flo file/);
    expect(() => decodeFlo(bytes.subarray(0, 40), 'z.flo')).toThrow('z.flo: a 2x2 .flo file should have 44 bytes, it has 40 (truncated or corrupt)');
  });

  it('colours flows in the Middlebury coding: white at rest, red to the right, blue-cyan to the left', () => {
    const flow = { width: 3, height: 1, data: Float32Array.from([0, 0, 1, 0, -1, 0]) };
    const { data } = flowToColour(flow, 1);
    expect([...data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect(data[3]).toBe(255);
    expect(data[4]! + data[5]!).toBeLessThan(40);
    expect(data[6]).toBeLessThan(40);
    expect(data[8]).toBe(255);
  });
});
