import { classesOption, classNames, GraphBuilder, IMAGENET_PREPROCESSING, outputSelectionOptions, type SegmentationModel, type Value } from '@vidseg/models';
import { UsageError } from '@vidseg/core';
import { z } from 'zod';

/** Options of the `mini-unet` model: what a config's `model` entry may hold besides `type`. */
export const miniUnetOptions = z.object({
  classes: classesOption,
  width: z.number().int().min(1).default(16).describe('channels of the first stage; the next stages have 2x and 4x'),
  ...outputSelectionOptions,
});

/** Options of the `mini-unet` model as a config writes them (defaults may be left out). */
export type MiniUnetOptions = z.input<typeof miniUnetOptions>;

/** Depthwise 3x3 then pointwise 1x1 convolution, each followed by BatchNorm and ReLU (MobileNet's separable block). */
function separable(b: GraphBuilder, x: Value, name: string, out: number, { stride = 1, dilation = 1 } = {}): Value {
  const depthwise = b.depthwiseConv(x, { name: `${name}.dw`, kernel: 3, stride, dilation, bias: false });
  const spatial = b.relu(b.batchNorm(depthwise, { name: `${name}.dw_bn` }), `${name}.dw_relu`);
  const pointwise = b.conv(spatial, { name: `${name}.pw`, out, kernel: 1, bias: false });
  return b.relu(b.batchNorm(pointwise, { name: `${name}.pw_bn` }), `${name}.pw_relu`);
}

/**
 * A small U-Net-style encoder-decoder of separable convolutions (w = `width`):
 *
 * ```
 * stem    = relu(bn(conv3x3/2(image)))                      w,  1/2
 * down2   = separable/2(stem)                               2w, 1/4
 * down3   = separable/2(down2)                              4w, 1/8
 * context = separable dilation 2(down3) + down3             4w, 1/8   <- features
 * up2     = separable(concat(resize(context, like down2), down2))   2w, 1/4
 * up1     = separable(concat(resize(up2, like stem), stem))         w,  1/2
 * logits  = resize(conv1x1(up1), like image)                K,  1/1
 * aux     = resize(conv1x1(context), like image)            K,  1/1   (auxLogits: true)
 * ```
 * Resizes are bilinear with aligned corners (what the tfjs training kernels differentiate
 * exactly). Heights and widths must be multiples of 8.
 */
export function buildMiniUnet(input: MiniUnetOptions = {}): SegmentationModel {
  const parsed = miniUnetOptions.safeParse(input);
  if (!parsed.success) throw new UsageError(`invalid options for model "mini-unet": ${z.prettifyError(parsed.error)}`);
  const options = parsed.data;
  const classes = classNames(options.classes);
  const w = options.width;
  const b = new GraphBuilder();
  const upsample = (x: Value, like: Value, name: string) => b.resize(x, { like }, 'align-corners', name);

  const image = b.input('image', 3);
  const stem = b.relu(b.batchNorm(b.conv(image, { name: 'stem.conv', out: w, kernel: 3, stride: 2, bias: false }), { name: 'stem.bn' }), 'stem.relu');
  const down2 = separable(b, stem, 'down2', 2 * w, { stride: 2 });
  const down3 = separable(b, down2, 'down3', 4 * w, { stride: 2 });
  const context = b.add([separable(b, down3, 'context', 4 * w, { dilation: 2 }), down3], 'context.add');
  const up2 = separable(b, b.concat([upsample(context, down2, 'up2.resize'), down2], 'up2.concat'), 'up2', 2 * w);
  const up1 = separable(b, b.concat([upsample(up2, stem, 'up1.resize'), stem], 'up1.concat'), 'up1', w);
  b.group('head', () => {
    b.output('logits', upsample(b.conv(up1, { name: 'classifier', out: classes.length, kernel: 1 }), image, 'classifier.resize'));
    if (options.auxLogits) b.output('auxLogits', upsample(b.conv(context, { name: 'aux.classifier', out: classes.length, kernel: 1 }), image, 'aux.resize'));
  });
  if (options.features) b.output('features', context);
  return {
    name: 'mini-unet',
    graph: b.build(),
    classes,
    preprocessing: IMAGENET_PREPROCESSING,
    outputs: { logits: true, features: options.features, auxLogits: options.auxLogits },
    input: { multipleOf: 8 },
  };
}
