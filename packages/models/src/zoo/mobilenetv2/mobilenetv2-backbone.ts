import type { GraphBuilder, Value } from '../../graph/graph-builder.js';
import { makeDivisible } from './make-divisible.js';

/** MobileNetV2's inverted-residual stages: expansion t, output channels c, blocks n, stride s. */
const STAGES: readonly { t: number; c: number; n: number; s: number }[] = [
  { t: 1, c: 16, n: 1, s: 1 },
  { t: 6, c: 24, n: 2, s: 2 },
  { t: 6, c: 32, n: 3, s: 2 },
  { t: 6, c: 64, n: 4, s: 2 },
  { t: 6, c: 96, n: 3, s: 1 },
  { t: 6, c: 160, n: 3, s: 2 },
  { t: 6, c: 320, n: 1, s: 1 },
];

/** Index (in `features`) of the last block of the 96-channel stage, the auxiliary head's input. */
export const MOBILENETV2_AUX_BLOCK = 13;

/** What the backbone returns: its last feature map and the auxiliary head's input. */
export interface MobileNetV2Features {
  /** Output of `features.17` (320 x width channels) at 1/outputStride. */
  readonly last: Value;
  /** Output of `features.13` (96 x width channels). */
  readonly auxInput: Value;
}

function convBnRelu6(b: GraphBuilder, x: Value, prefix: string, options: { out: number; kernel: number; stride: number; dilation: number; groups: number }): Value {
  const { out, kernel, stride, dilation, groups } = options;
  const conv = b.conv(x, { name: `${prefix}.0`, out, kernel, stride, dilation, padding: (dilation * (kernel - 1)) / 2, groups, bias: false });
  return b.relu6(b.batchNorm(conv, { name: `${prefix}.1` }), `${prefix}.2`);
}

/**
 * The inverted residual block: 1x1 expansion (unless t = 1), 3x3 depthwise conv (with the stride
 * and dilation), 1x1 linear projection; each conv followed by BatchNorm, the first two by ReLU6;
 * a residual sum when the stride is 1 and the channel counts match. Names as torchvision's
 * `features.<i>.conv.*`.
 */
function invertedResidual(b: GraphBuilder, x: Value, prefix: string, options: { t: number; out: number; stride: number; dilation: number }): Value {
  const hidden = Math.round(x.channels * options.t);
  let y = x;
  let index = 0;
  if (options.t !== 1) y = convBnRelu6(b, y, `${prefix}.conv.${index++}`, { out: hidden, kernel: 1, stride: 1, dilation: 1, groups: 1 });
  y = convBnRelu6(b, y, `${prefix}.conv.${index++}`, { out: hidden, kernel: 3, stride: options.stride, dilation: options.dilation, groups: hidden });
  y = b.conv(y, { name: `${prefix}.conv.${index++}`, out: options.out, kernel: 1, padding: 0, bias: false });
  y = b.batchNorm(y, { name: `${prefix}.conv.${index}` });
  return options.stride === 1 && x.channels === options.out ? b.add([x, y], `${prefix}.residual`) : y;
}

/**
 * The MobileNetV2 feature extractor (Sandler et al., 2018) without its last 1x1 conv to 1280
 * channels and its classifier, named `backbone.features.<i>` as torchvision's `features`. Past
 * `outputStride`, strides become 1 and the depthwise convs dilate instead (as in DeepLabv3): the
 * block that would have strided keeps the previous dilation, the following ones multiply it.
 */
export function mobileNetV2Backbone(b: GraphBuilder, image: Value, options: { widthMultiplier: number; outputStride: number }): MobileNetV2Features {
  const width = (c: number) => makeDivisible(c * options.widthMultiplier);
  let x = convBnRelu6(b, image, 'backbone.features.0', { out: width(32), kernel: 3, stride: 2, dilation: 1, groups: 1 });
  let currentStride = 2;
  let dilation = 1;
  let index = 1;
  let auxInput: Value | undefined;
  for (const stage of STAGES) {
    for (let i = 0; i < stage.n; i++) {
      const requested = i === 0 ? stage.s : 1;
      let stride = requested;
      let blockDilation = dilation;
      if (currentStride >= options.outputStride && requested > 1) {
        stride = 1;
        dilation *= requested;
      } else {
        currentStride *= requested;
      }
      if (i > 0) blockDilation = dilation;
      x = invertedResidual(b, x, `backbone.features.${index}`, { t: stage.t, out: width(stage.c), stride, dilation: blockDilation });
      if (index === MOBILENETV2_AUX_BLOCK) auxInput = x;
      index++;
    }
  }
  return { last: x, auxInput: auxInput! };
}
