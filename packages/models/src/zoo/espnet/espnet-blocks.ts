import type { GraphBuilder, Value } from '../../graph/graph-builder.js';

/** BatchNorm epsilon of every ESPNet BatchNorm (the original code's value, not PyTorch's 1e-5). */
export const ESPNET_BN_EPS = 1e-3;

/** BR: BatchNorm then per-channel PReLU, as `<prefix>.bn` and `<prefix>.act`. */
export function br(b: GraphBuilder, x: Value, prefix: string): Value {
  return b.prelu(b.batchNorm(x, { name: `${prefix}.bn`, eps: ESPNET_BN_EPS }), { name: `${prefix}.act` });
}

/** CBR: convolution without bias (same padding), BatchNorm, PReLU, as `<prefix>.conv/.bn/.act`. */
export function cbr(b: GraphBuilder, x: Value, prefix: string, options: { out: number; kernel: number; stride?: number }): Value {
  const padding = (options.kernel - 1) / 2;
  const conv = b.conv(x, { name: `${prefix}.conv`, out: options.out, kernel: options.kernel, stride: options.stride ?? 1, padding, bias: false });
  return br(b, conv, prefix);
}

/** The ESP block variants that occur in ESPNet. */
export type EspBlockKind =
  /** 3x3 stride-2 reduction, no residual, BR tensors directly under the block. */
  | 'strided'
  /** 1x1 reduction, residual sum (needs nIn = nOut), BR as a nested `bn` module. */
  | 'residual'
  /** 1x1 reduction, no residual, BR as a nested `bn` module (the decoder's `combine_l2_l3.1`). */
  | 'plain';

/**
 * The ESP block (reduce, split into five dilated 3x3 convolutions, hierarchical feature fusion,
 * merge), exactly as in ../shared/models/README.md section 5.2: n = floor(out / 5) channels per
 * branch, the dilation-1 branch takes the remainder; the running sum covers dilations 2..16 only;
 * the merge order is [d1, d2, d2+d4, d2+d4+d8, d2+d4+d8+d16].
 */
export function espBlock(b: GraphBuilder, x: Value, prefix: string, options: { out: number; kind: EspBlockKind }): Value {
  const { out, kind } = options;
  const n = Math.floor(out / 5);
  const n1 = out - 4 * n;
  const reduced =
    kind === 'strided'
      ? b.conv(x, { name: `${prefix}.c1.conv`, out: n, kernel: 3, stride: 2, padding: 1, bias: false })
      : b.conv(x, { name: `${prefix}.c1.conv`, out: n, kernel: 1, padding: 0, bias: false });
  const branch = (dilation: number, channels: number) =>
    b.conv(reduced, { name: `${prefix}.d${dilation}.conv`, out: channels, kernel: 3, padding: dilation, dilation, bias: false });
  const t1 = branch(1, n1);
  const s2 = branch(2, n);
  const s4 = b.add([s2, branch(4, n)], `${prefix}.sum4`);
  const s8 = b.add([s4, branch(8, n)], `${prefix}.sum8`);
  const s16 = b.add([s8, branch(16, n)], `${prefix}.sum16`);
  let merged = b.concat([t1, s2, s4, s8, s16], `${prefix}.merge`);
  if (kind === 'residual') merged = b.add([merged, x], `${prefix}.residual`);
  return br(b, merged, kind === 'strided' ? prefix : `${prefix}.bn`);
}
