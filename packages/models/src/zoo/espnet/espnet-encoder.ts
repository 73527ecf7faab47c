import type { GraphBuilder, Value } from '../../graph/graph-builder.js';
import { br, cbr, espBlock } from './espnet-blocks.js';

/** The encoder's (ESPNet-C's) feature maps that the decoder reads. */
export interface EspnetEncoderFeatures {
  /** Level-1 CBR output, 16 channels at 1/2 (the Cityscapes decoder's skip). */
  readonly level1: Value;
  /** BR(19) of level 1 and the half-size image, at 1/2 (the CamVid decoder's skip). */
  readonly c1: Value;
  /** BR(131) at 1/4, projected by the decoder's `level3_C`. */
  readonly c2: Value;
  /** BR(256) at 1/8: the encoder's last feature map. */
  readonly c3: Value;
}

/**
 * The ESPNet-C encoder (../shared/models/README.md section 5.3, steps E1-E9) with `p` regular ESP
 * blocks at level 2 and `q` at level 3. Every parameter is named `<prefix>level1.conv.weight`, ...:
 * the encoder-decoder files use the prefix `encoder.`, the ESPNet-C files none.
 */
export function espnetEncoder(b: GraphBuilder, image: Value, options: { prefix: string; p: number; q: number }): EspnetEncoderFeatures {
  const at = (name: string) => `${options.prefix}${name}`;
  const pool = (x: Value, name: string) => b.avgPool(x, { kernel: 3, stride: 2, padding: 1, countIncludePad: true, name: at(name) });
  const level1 = cbr(b, image, at('level1'), { out: 16, kernel: 3, stride: 2 });
  const image2 = pool(image, 'sample1');
  const image4 = pool(image2, 'sample2');
  const c1 = br(b, b.concat([level1, image2], at('b1.concat')), at('b1'));
  const e20 = espBlock(b, c1, at('level2_0'), { out: 64, kind: 'strided' });
  let e2 = e20;
  for (let i = 0; i < options.p; i++) e2 = espBlock(b, e2, at(`level2.${i}`), { out: 64, kind: 'residual' });
  const c2 = br(b, b.concat([e2, e20, image4], at('b2.concat')), at('b2'));
  const e30 = espBlock(b, c2, at('level3_0'), { out: 128, kind: 'strided' });
  let e3 = e30;
  for (let i = 0; i < options.q; i++) e3 = espBlock(b, e3, at(`level3.${i}`), { out: 128, kind: 'residual' });
  const c3 = br(b, b.concat([e30, e3], at('b3.concat')), at('b3'));
  return { level1, c1, c2, c3 };
}
