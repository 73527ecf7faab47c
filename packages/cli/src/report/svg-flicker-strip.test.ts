import { describe, expect, it } from 'vitest';
import { svgFlickerStrip } from './svg-flicker-strip.js';

describe('svgFlickerStrip', () => {
  it('draws one cell per frame pair and model, the darkest at the largest share, and each row mean in percent', () => {
    const svg = svgFlickerStrip([
      { name: 'baseline <a>', values: [0.1, 0.2] },
      { name: 'temporal', values: [0.05, 0.05] },
    ]);
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toContain('baseline &lt;a&gt;');
    expect(svg).toContain('15.00 %');
    expect(svg).toContain('5.00 %');
    expect(svg).toContain('fill="rgb(255, 38, 0)"'); // 0.2 is the largest share: full red
    expect(svg).toContain('frames 1→2: 20.00 %');
  });
});
