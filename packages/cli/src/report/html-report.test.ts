import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from './html-report.js';
import { niceTicks, svgLineChart } from './svg-line-chart.js';

describe('svg charts', () => {
  it('chooses round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 950)).toEqual([0, 200, 400, 600, 800]);
  });

  it('draws one path per series and says when there is no data', () => {
    const svg = svgLineChart(
      [
        { name: 'baseline', points: [[0, 1], [10, 0.5]] },
        { name: '+TL <b>', points: [[0, 1.1], [10, 0.4]] },
      ],
      { title: 'loss', xLabel: 'step', yLabel: 'loss' },
    );
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('+TL &lt;b&gt;');
    expect(svgLineChart([{ name: 'x', points: [] }], { title: 'empty', xLabel: '', yLabel: '' })).toContain('no data');
  });
});

describe('renderHtmlReport', () => {
  it('renders the table with formatted, escaped cells, the charts and the gallery', () => {
    const html = renderHtmlReport({
      title: 'demo',
      notes: ['ran on <cpu>'],
      columns: [
        { header: 'model', key: 'model', format: 'text' },
        { header: 'mIoU', key: 'miou', format: 'percent' },
        { header: 'ms', key: 'ms', format: 'number', digits: 1 },
      ],
      rows: [
        { model: 'baseline', miou: 0.5234, ms: 12.345 },
        { model: '+TL', miou: Number.NaN, ms: 3 },
      ],
      charts: [{ title: 'loss', xLabel: 'step', yLabel: 'loss', series: [{ name: 'a', points: [[0, 1], [1, 2]] }] }],
      gallery: [{ caption: 'baseline', src: 'overlays/baseline.webp' }],
      definitions: ['TC: ...'],
    });
    expect(html).toContain('<td>baseline</td><td>52.3 %</td><td>12.3</td>');
    expect(html).toContain('<td>+TL</td><td>n/a</td><td>3.0</td>');
    expect(html).toContain('ran on &lt;cpu&gt;');
    expect(html).toContain('<img src="overlays/baseline.webp"');
    expect(html).toContain('<svg');
  });
});
