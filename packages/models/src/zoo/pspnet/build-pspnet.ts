import { z } from 'zod';
import { GraphBuilder, type Value } from '../../graph/graph-builder.js';
import type { CoordinateMode } from '../../graph/graph-types.js';
import { classNames } from '../common/class-names.js';
import { IMAGENET_PREPROCESSING } from '../common/imagenet-preprocessing.js';
import { classesOption, outputSelectionOptions, resizeModeOption } from '../common/model-options.js';
import { parseModelOptions } from '../common/parse-model-options.js';
import { classifyAndResize, convBnRelu } from '../common/segmentation-heads.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { setSegmentationOutputs } from '../common/set-outputs.js';
import { dilatedResNet, type ResNetDepth } from './dilated-resnet.js';

/** The pyramid pooling bins of PSPNet. */
export const PSPNET_BINS = [1, 2, 3, 6] as const;

/** Options of the `pspnet` model. */
export const pspnetOptionsSchema = z
  .object({
    backbone: z
      .enum(['resnet18', 'resnet50', 'resnet101'])
      .default('resnet18')
      .describe('dilated ResNet backbone: resnet18 (basic blocks, the paper\'s student) or resnet50/101 (bottlenecks, teachers)'),
    classes: classesOption,
    ppmChannels: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('channels of each pyramid-pooling branch (default: layer4 channels / 4: 128 for ResNet-18, 512 for ResNet-50/101)'),
    headChannels: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('channels of the 3x3 conv after the pyramid pooling, the `features` map (default: layer4 channels / 4)'),
    auxChannels: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('channels of the auxiliary head\'s 3x3 conv (default: layer3 channels / 2: 128 for ResNet-18, 512 for ResNet-50/101)'),
    dropout: z.number().min(0).lt(1).default(0.1).describe('dropout rate before each classifier'),
    ...outputSelectionOptions,
    resizeMode: resizeModeOption,
  })
  .strict();

/**
 * The pyramid pooling module: for each bin count, adaptive average pooling, 1x1 conv-BN-ReLU
 * (`head.ppm.<i>`) and a bilinear resize back; concatenated after the input, in bin order.
 */
function pyramidPooling(b: GraphBuilder, x: Value, channels: number, resizeMode: CoordinateMode): Value {
  const branches = PSPNET_BINS.map((bins, i) => {
    const pooled = b.adaptiveAvgPool(x, bins, `head.ppm.${i}.pool`);
    return b.resize(convBnRelu(b, pooled, `head.ppm.${i}`, { out: channels, kernel: 1 }), { like: x }, resizeMode, `head.ppm.${i}.resize`);
  });
  return b.concat([x, ...branches], 'head.ppm.concat');
}

/**
 * PSPNet (Zhao et al., CVPR 2017) on a dilated ResNet with output stride 8:
 *
 * ```
 * layer3, layer4 = dilated ResNet-18/50/101 (deep stem; dilation 2 and 4 in the last two stages)
 * features  = ReLU(BN(conv3x3(concat(layer4, PPM bins 1,2,3,6))))   head.bottleneck, 1/8
 * logits    = resize(conv1x1(dropout(features)), like image)            head.classifier
 * auxLogits = resize(conv1x1(dropout(ReLU(BN(conv3x3(layer3))))), like image)   aux.*
 * ```
 * The pyramid pooling, the bottleneck, the classifier and the auxiliary head are in the `head` LR
 * group (10x learning rate in the reference recipe), the ResNet in `backbone`. The default widths
 * follow the structured-knowledge-distillation code the paper builds on: PSPNet-18 has 128-channel
 * branches and a 128-channel bottleneck (about 13 M parameters with its auxiliary head), the
 * ResNet-50/101 teachers 512. Inputs of at least 41 x 41 work (6 bins need a 6 x 6 map at 1/8).
 */
export function buildPspnet(input: z.input<typeof pspnetOptionsSchema> = {}): SegmentationModel {
  const options = parseModelOptions('pspnet', pspnetOptionsSchema, input);
  const classes = classNames(options.classes);
  const depth = Number(options.backbone.replace('resnet', '')) as ResNetDepth;
  const b = new GraphBuilder();
  const image = b.input('image', 3);
  const backbone = dilatedResNet(b, image, depth);
  const head = { classes: classes.length, dropout: options.dropout, like: image, resizeMode: options.resizeMode };
  const features = b.group('head', () => {
    const pooled = pyramidPooling(b, backbone.layer4, options.ppmChannels ?? backbone.layer4.channels / 4, options.resizeMode);
    return convBnRelu(b, pooled, 'head.bottleneck', { out: options.headChannels ?? backbone.layer4.channels / 4, kernel: 3 });
  });
  const logits = b.group('head', () => classifyAndResize(b, features, 'head', head));
  const outputs = setSegmentationOutputs(b, options, {
    logits,
    features,
    auxLogits: () => b.group('head', () => classifyAndResize(b, convBnRelu(b, backbone.layer3, 'aux', { out: options.auxChannels ?? backbone.layer3.channels / 2, kernel: 3 }), 'aux', head)),
  });
  return { name: 'pspnet', graph: b.build(), classes, preprocessing: IMAGENET_PREPROCESSING, outputs, input: { multipleOf: 1 } };
}
