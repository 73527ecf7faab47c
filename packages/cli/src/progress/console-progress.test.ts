import { describe, expect, it } from 'vitest';
import { ConsoleProgress } from './console-progress.js';
import { formatDuration } from './format-duration.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  let clock = 0;
  const progress = new ConsoleProgress({
    stream: { write: (t: string) => chunks.push(t) > 0, isTTY, columns: 200 },
    lineInterval: 10,
    now: () => clock,
  });
  return { chunks, progress, tick: (ms: number) => (clock += ms) };
}

describe('ConsoleProgress', () => {
  it('prints plain periodic lines with rate and ETA when not on a terminal', () => {
    const { chunks, progress, tick } = capture(false);
    const task = progress.start('train', 100, 'step');
    tick(5000);
    task.advance(10, { loss: 0.5 });
    expect(chunks).toHaveLength(0); // less than the interval since the start
    tick(5000);
    task.advance(10, { loss: 0.25 });
    expect(chunks).toEqual(['train  20/100  20%  2.00 step/s  ETA 40s  loss=0.25\n']);
    task.done('saved');
    expect(chunks.slice(1)).toEqual(['train  20/100  20%  2.00 step/s  in 10s  loss=0.25\n', 'saved\n']);
  });

  it('redraws a bar in place on a terminal', () => {
    const { chunks, progress, tick } = capture(true);
    const task = progress.start('eval', 4, 'frame');
    tick(1000);
    task.advance();
    expect(chunks[0]).toMatch(/^\r\x1b\[2Keval  \[######------------------\]  1\/4  25%  1.00 frame\/s  ETA 3s$/);
  });

  it('formats durations compactly', () => {
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});
