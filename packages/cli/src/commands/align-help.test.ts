import { describe, expect, it } from 'vitest';
import { alignHelp } from './align-help.js';

describe('alignHelp', () => {
  it('starts every option description in one column, moves continuation lines along and leaves other lines alone', () => {
    const usage = [
      'vidseg x --model <file>',
      '',
      '  -c, --config <file>   config file',
      '      --set <path=value> override one value',
      '      --out <folder>      writes labels and',
      '                          frames.csv',
      '      --no-overlays',
      'Notes stay as they are.',
    ].join('\n');
    expect(alignHelp(usage).split('\n')).toEqual([
      'vidseg x --model <file>',
      '',
      '  -c, --config <file>     config file',
      '      --set <path=value>  override one value',
      '      --out <folder>      writes labels and',
      '                          frames.csv',
      '      --no-overlays',
      'Notes stay as they are.',
    ]);
  });
});
