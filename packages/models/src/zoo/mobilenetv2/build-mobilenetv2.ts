import { z } from 'zod';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { classNames } from '../common/class-names.js';
import { IMAGENET_PREPROCESSING } from '../common/imagenet-preprocessing.js';
import { classesOption, outputSelectionOptions, resizeModeOption } from '../common/model-options.js';
import { parseModelOptions } from '../common/parse-model-options.js';
import { classifyAndResize, convBnRelu } from '../common/segmentation-heads.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { setSegmentationOutputs } from '../common/set-outputs.js';
import { mobileNetV2Backbone } from './mobilenetv2-backbone.js';

/** Options of the `mobilenetv2` model. */
export const mobileNetV2OptionsSchema = z
  .object({
    classes: classesOption,
    widthMultiplier: z.number().positive().max(4).default(1).describe('scales every layer width (torchvision rounding to multiples of 8)'),
    outputStride: z
      .union([z.literal(8), z.literal(16), z.literal(32)])
      .default(8)
      .describe('resolution of the last feature map: strides past it become dilations'),
    headChannels: z.number().int().min(1).default(256).describe('channels of the 1x1 head conv (its output is the `features` map)'),
    dropout: z.number().min(0).lt(1).default(0.1).describe('dropout rate before each classifier'),
    ...outputSelectionOptions,
    resizeMode: resizeModeOption,
  })
  .strict();

/**
 * MobileNetV2 with a light segmentation head, the compact student:
 *
 * ```
 * backbone  = MobileNetV2 features.0..17 (no 1280 conv), output stride 8 by default
 * features  = ReLU(BN(conv1x1(backbone)))            head.conv/.bn, headChannels at 1/8
 * logits    = resize(conv1x1(dropout(features)), like image)           head.classifier
 * auxLogits = resize(conv1x1(dropout(ReLU(BN(conv3x3(features.13))))), like image)  aux.*, headChannels/2
 * ```
 * The head and the auxiliary head are in the `head` LR group. There are no pretrained weights:
 * convolutions start He-normal, BatchNorm at weight 1 and bias 0. Any input size works.
 */
export function buildMobileNetV2(input: z.input<typeof mobileNetV2OptionsSchema> = {}): SegmentationModel {
  const options = parseModelOptions('mobilenetv2', mobileNetV2OptionsSchema, input);
  const classes = classNames(options.classes);
  const b = new GraphBuilder();
  const image = b.input('image', 3);
  const backbone = mobileNetV2Backbone(b, image, options);
  const head = { classes: classes.length, dropout: options.dropout, like: image, resizeMode: options.resizeMode };
  const features = b.group('head', () => convBnRelu(b, backbone.last, 'head', { out: options.headChannels, kernel: 1 }));
  const logits = b.group('head', () => classifyAndResize(b, features, 'head', head));
  const outputs = setSegmentationOutputs(b, options, {
    logits,
    features,
    auxLogits: () =>
      b.group('head', () => classifyAndResize(b, convBnRelu(b, backbone.auxInput, 'aux', { out: Math.ceil(options.headChannels / 2), kernel: 3 }), 'aux', head)),
  });
  return { name: 'mobilenetv2', graph: b.build(), classes, preprocessing: IMAGENET_PREPROCESSING, outputs, input: { multipleOf: 1 } };
}
