import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './did-you-mean.js';

describe('did-you-mean', () => {
  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('trian', 'train')).toBe(1);
  });

  it('suggests close names only', () => {
    expect(closestMatch('temporl', ['temporal', 'cross-entropy'])).toBe('temporal');
    expect(closestMatch('CROSS-ENTROPY', ['cross-entropy'])).toBe('cross-entropy');
    expect(closestMatch('xyz', ['temporal', 'cross-entropy'])).toBeUndefined();
    expect(didYouMean('tc2', ['tc', 'vc'])).toBe(' (did you mean "tc"?)');
    expect(didYouMean('zzzzzz', [])).toBe('');
  });
});
