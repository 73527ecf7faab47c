import { z } from 'zod';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { classNames } from '../common/class-names.js';
import { IMAGENET_PREPROCESSING } from '../common/imagenet-preprocessing.js';
import { classesOption, outputSelectionOptions, resizeModeOption } from '../common/model-options.js';
import { parseModelOptions } from '../common/parse-model-options.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { setSegmentationOutputs } from '../common/set-outputs.js';

/** Options of the `tiny-every-op` model. */
export const tinyEveryOpOptionsSchema = z
  .object({
    classes: classesOption,
    width: z.number().int().min(2).multipleOf(2).default(8).describe('channels of the hidden layers (even: one conv has 2 groups)'),
    ...outputSelectionOptions,
    resizeMode: resizeModeOption,
  })
  .strict();

/**
 * A small network that uses every op and attribute of the graph description at least once, so an
 * engine can test its whole op set (and parity with another engine) on one cheap model: conv with
 * bias, stride, groups and dilation; depthwise conv; transposed conv with padding and output
 * padding; BatchNorm; ReLU, ReLU6, PReLU (per channel and shared), sigmoid, tanh; add, mul,
 * concat; average pooling with and without padding in the count; max pooling; global and
 * adaptive (2x3 bins) average pooling; bilinear resize to a size, by a scale and like another
 * value, in all three coordinate modes; dropout; identity. Inputs of at least 16 x 16 work.
 *
 * `features` is the dropout/identity output (4 x width channels, 1/2 resolution); `auxLogits` a
 * 1x1 conv on the 1/4-resolution pooled map, resized to the input size.
 */
export function buildTinyEveryOp(input: z.input<typeof tinyEveryOpOptionsSchema> = {}): SegmentationModel {
  const options = parseModelOptions('tiny-every-op', tinyEveryOpOptionsSchema, input);
  const classes = classNames(options.classes);
  const w = options.width;
  const b = new GraphBuilder();
  const image = b.input('image', 3);

  const stem = b.prelu(b.batchNorm(b.conv(image, { name: 'stem.conv', out: w, kernel: 3, stride: 2 }), { name: 'stem.bn' }), { name: 'stem.act' });
  const grouped = b.relu6(b.conv(stem, { name: 'grouped.conv', out: w, kernel: 3, groups: 2, bias: false }), 'grouped.relu6');
  const depthwise = b.prelu(b.depthwiseConv(grouped, { name: 'dw.conv', kernel: 3, dilation: 2, bias: false }), { name: 'dw.act', perChannel: false });
  // Squeeze-and-excitation gate; the 1x1 gate is broadcast over the map by resizing it.
  const squeezed = b.relu(b.conv(b.globalAvgPool(depthwise, 'gate.pool'), { name: 'gate.reduce', out: w / 2, kernel: 1 }), 'gate.relu');
  const gate = b.sigmoid(b.conv(squeezed, { name: 'gate.expand', out: w, kernel: 1 }), 'gate.sigmoid');
  const attended = b.mul([depthwise, b.resize(gate, { like: depthwise }, 'half-pixel', 'gate.broadcast')], 'gate.mul');

  const averaged = b.avgPool(attended, { kernel: 3, stride: 2, padding: 1, countIncludePad: false, name: 'pool.avg' });
  const maxed = b.maxPool(attended, { kernel: 3, stride: 2, padding: 1, name: 'pool.max' });
  const pooled = b.add([averaged, maxed], 'pool.add');
  const bins = b.resize(b.adaptiveAvgPool(pooled, [2, 3], 'bins.pool'), { like: pooled }, 'align-corners', 'bins.resize');
  const mixed = b.tanh(b.concat([pooled, bins], 'bins.concat'), 'bins.tanh');

  const down = b.avgPool(mixed, { kernel: 2, name: 'resize.down' });
  const fixed = b.resize(down, { size: [5, 7] }, 'asymmetric', 'resize.fixed');
  const back = b.resize(fixed, { like: pooled }, 'half-pixel', 'resize.back');
  const scaled = b.resize(back, { scale: 2 }, 'asymmetric', 'resize.scaled');
  const aligned = b.resize(scaled, { like: stem }, 'half-pixel', 'resize.aligned');
  const deconv = b.convTranspose(mixed, { name: 'up.deconv', out: w, kernel: 3, stride: 2, padding: 1, outputPadding: 1 });
  const up = b.resize(deconv, { like: stem }, 'align-corners', 'up.resize');

  const features = b.identity(b.dropout(b.concat([up, aligned, stem], 'merge.concat'), 0.1, 'merge.dropout'), 'merge.identity');
  const logits = b.group('head', () => b.resize(b.conv(features, { name: 'classifier', out: classes.length, kernel: 1 }), { like: image }, options.resizeMode, 'classifier.resize'));
  const outputs = setSegmentationOutputs(b, options, {
    logits,
    features,
    auxLogits: () =>
      b.group('head', () =>
        b.resize(b.conv(pooled, { name: 'aux.classifier', out: classes.length, kernel: 1 }), { like: image }, options.resizeMode, 'aux.resize'),
      ),
  });
  return { name: 'tiny-every-op', graph: b.build(), classes, preprocessing: IMAGENET_PREPROCESSING, outputs, input: { multipleOf: 1 } };
}
