import { z } from 'zod';
import { GraphBuilder, type Value } from '../../graph/graph-builder.js';
import { classNames } from '../common/class-names.js';
import { IMAGENET_PREPROCESSING } from '../common/imagenet-preprocessing.js';
import { classesOption, outputSelectionOptions, resizeModeOption } from '../common/model-options.js';
import { parseModelOptions } from '../common/parse-model-options.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { setSegmentationOutputs } from '../common/set-outputs.js';

/** Options of the `tiny` model. */
export const tinyOptionsSchema = z
  .object({
    classes: classesOption,
    width: z.number().int().min(1).default(8).describe('channels of every hidden layer'),
    batchNorm: z.boolean().default(true).describe('put a BatchNorm after each hidden convolution'),
    ...outputSelectionOptions,
    resizeMode: resizeModeOption,
  })
  .strict();

/**
 * A network of a few layers for tests, cheap at any size, that still has the ops most zoo models
 * use: a strided conv, a dilated conv, optional BatchNorm, ReLU, a residual sum, a transposed conv,
 * a bilinear resize to the input size and a concat with the input:
 *
 * ```
 * stem    = relu(bn(conv3x3/2(image)))                      width, 1/2
 * context = relu(bn(conv3x3 dilation 2(stem))) + stem        width, 1/2   <- features
 * up      = relu(bn(convT2x2/2(context)))                    width, 2*ceil(H/2)
 * logits  = conv1x1(concat(resize(up, like image), image))   K, H x W
 * aux     = resize(conv1x1(context), like image)             K, H x W
 * ```
 * Any input size works. The classifier and the auxiliary classifier are in the `head` group.
 */
export function buildTiny(input: z.input<typeof tinyOptionsSchema> = {}): SegmentationModel {
  const options = parseModelOptions('tiny', tinyOptionsSchema, input);
  const classes = classNames(options.classes);
  const b = new GraphBuilder();
  const norm = (x: Value, name: string) => (options.batchNorm ? b.batchNorm(x, { name }) : x);
  const image = b.input('image', 3);
  const stem = b.relu(norm(b.conv(image, { name: 'stem.conv', out: options.width, kernel: 3, stride: 2, bias: !options.batchNorm }), 'stem.bn'), 'stem.relu');
  const dilated = b.conv(stem, { name: 'context.conv', out: options.width, kernel: 3, dilation: 2, bias: !options.batchNorm });
  const context = b.add([b.relu(norm(dilated, 'context.bn'), 'context.relu'), stem], 'context.add');
  const deconv = b.convTranspose(context, { name: 'up.deconv', out: options.width, kernel: 2, stride: 2, bias: !options.batchNorm });
  const up = b.resize(b.relu(norm(deconv, 'up.bn'), 'up.relu'), { like: image }, options.resizeMode, 'up.resize');
  const logits = b.group('head', () => b.conv(b.concat([up, image], 'classifier.concat'), { name: 'classifier', out: classes.length, kernel: 1 }));
  const outputs = setSegmentationOutputs(b, options, {
    logits,
    features: context,
    auxLogits: () =>
      b.group('head', () =>
        b.resize(b.conv(context, { name: 'aux.classifier', out: classes.length, kernel: 1 }), { like: image }, options.resizeMode, 'aux.resize'),
      ),
  });
  return { name: 'tiny', graph: b.build(), classes, preprocessing: IMAGENET_PREPROCESSING, outputs, input: { multipleOf: 1 } };
}
