import { describe, expect, it } from 'vitest';
import { svgLineChart } from './svg-line-chart.js';

describe('svgLineChart', () => {
  it('puts the legend below the plot area, so it never hides a curve', () => {
    const series = [
      { name: 'a', points: [[0, 1], [10, 2]] as [number, number][] },
      { name: 'b', points: [[0, 2], [10, 1]] as [number, number][] },
    ];
    const svg = svgLineChart(series, { title: 't', xLabel: 'step', yLabel: 'y' });
    const frame = /<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="none"/.exec(svg)!;
    const plotBottom = Number(frame[2]) + Number(frame[4]);
    const legendYs = [...svg.matchAll(/<rect x="\d+" y="([\d.]+)" width="10" height="3"/g)].map((m) => Number(m[1]));
    expect(legendYs).toHaveLength(2);
    for (const y of legendYs) expect(y).toBeGreaterThan(plotBottom + 20);
    const height = Number(/<svg [^>]*height="(\d+)"/.exec(svg)![1]);
    expect(Math.max(...legendYs)).toBeLessThan(height);
  });
});
