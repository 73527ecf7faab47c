import { describe, expect, it } from 'vitest';
import { countFlops, countParameters } from './count-model.js';
import { GraphBuilder } from './graph-builder.js';

/** A conv-only net whose counts are worked out by hand below. */
function convNet() {
  const b = new GraphBuilder();
  const x = b.input('image', 3);
  const a = b.conv(x, { name: 'a', out: 4, kernel: 3 }); // 3 -> 4, 3x3, same size
  const s = b.conv(a, { name: 's', out: 6, kernel: 3, stride: 2, bias: false }); // 4 -> 6, 3x3, stride 2
  const d = b.depthwiseConv(s, { name: 'd', kernel: 3, dilation: 2 }); // 6 filters of 1x3x3
  const g = b.conv(d, { name: 'g', out: 4, kernel: 1, groups: 2 }); // 2 groups of 3 -> 2
  const u = b.convTranspose(g, { name: 'u', out: 2, kernel: 2, stride: 2 }); // 4 -> 2, 2x2
  b.output('logits', b.batchNorm(u, { name: 'bn' }));
  return b.build();
}

describe('countParameters', () => {
  it('sums the declared shapes, BatchNorm statistics apart', () => {
    // a: 4*3*9 + 4 = 112; s: 6*4*9 = 216; d: 6*9 + 6 = 60; g: 4*3*1 + 4 = 16; u: 4*2*4 + 2 = 34; bn: 2 + 2
    expect(countParameters(convNet())).toEqual({ trainable: 112 + 216 + 60 + 16 + 34 + 4, buffers: 4 });
  });
});

describe('countFlops', () => {
  it('counts 2 x multiply-adds of every conv, by hand on an 8 x 10 input', () => {
    // Output sizes: a 8x10, s 4x5, d 4x5, g 4x5, u 8x10.
    const multiplyAdds =
      4 * 8 * 10 * (3 * 9) + // a: each output value reads 3 channels x 9 taps
      6 * 4 * 5 * (4 * 9) + // s
      6 * 4 * 5 * (1 * 9) + // d: one input channel per filter
      4 * 4 * 5 * (3 * 1) + // g: 3 input channels per group
      4 * 4 * 5 * (2 * 4); // u: each input value feeds 2 channels x 4 taps
    expect(multiplyAdds).toBe(8640 + 4320 + 1080 + 240 + 640);
    expect(countFlops(convNet(), 8, 10)).toBe(2 * multiplyAdds);
  });

  it('scales with the input area for a fully convolutional net', () => {
    expect(countFlops(convNet(), 16, 20)).toBe(4 * countFlops(convNet(), 8, 10));
  });
});
