import { describe, expect, it } from 'vitest';
import { readUrlOptions } from './url-options.js';

describe('readUrlOptions', () => {
  it('has defaults and reads the automation parameters', () => {
    expect(readUrlOptions('')).toEqual({ autoplay: false, frames: undefined, opacity: undefined, compare: true, runtime: 'auto' });
    expect(readUrlOptions('?autoplay=1&frames=6.7&opacity=0.25&compare=0&runtime=wasm')).toEqual({ autoplay: true, frames: 6, opacity: 0.25, compare: false, runtime: 'wasm' });
  });

  it('names the parameter that is wrong', () => {
    expect(() => readUrlOptions('?opacity=2')).toThrow('URL parameter opacity=2: expected a number in [0, 1]');
    expect(() => readUrlOptions('?frames=x')).toThrow(/URL parameter frames=x/);
    expect(() => readUrlOptions('?runtime=webgl')).toThrow('URL parameter runtime=webgl: expected auto, wasm or webgpu');
  });
});
