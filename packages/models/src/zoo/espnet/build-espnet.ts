import { UsageError } from '@vidseg/core';
import { z } from 'zod';
import { GraphBuilder, type Value } from '../../graph/graph-builder.js';
import { classNames } from '../common/class-names.js';
import { classesOption, outputSelectionOptions, resizeModeOption } from '../common/model-options.js';
import { parseModelOptions } from '../common/parse-model-options.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { setSegmentationOutputs } from '../common/set-outputs.js';
import { br, cbr, ESPNET_BN_EPS, espBlock } from './espnet-blocks.js';
import { espnetEncoder } from './espnet-encoder.js';
import { ESPNET_VARIANTS } from './espnet-variants.js';

/** Options of the `espnet` model. */
export const espnetOptionsSchema = z
  .object({
    variant: z
      .enum(['camvid', 'cityscapes'])
      .default('camvid')
      .describe(
        'the weights family: preprocessing, default classes and decoder skip. camvid: 12 outputs (11 classes + Void), skip from b1; ' +
          'cityscapes: 20 outputs (19 trainIds + void), skip from level1',
      ),
    p: z.number().int().min(1).default(2).describe('number of regular ESP blocks at level 2 (the pretrained weights have 2)'),
    q: z.number().int().min(1).default(8).describe('number of regular ESP blocks at level 3 (the pretrained weights have 8; Cityscapes files also 3 and 5)'),
    classes: classesOption
      .unwrap()
      .optional()
      .describe(
        "output classes, overriding the variant's (which include its trained void class): " +
          '"camvid" (11), "cityscapes" (19 trainIds) or a list of names; e.g. a CamVid student initialised from Cityscapes weights',
      ),
    encoderOnly: z
      .boolean()
      .default(false)
      .describe('ESPNet-C: the encoder alone, its 1x1 classifier at 1/8 upsampled bilinearly to the input; tensors without the "encoder." prefix'),
    ...outputSelectionOptions,
    resizeMode: resizeModeOption.describe(
      'coordinate mode of the bilinear upsampling of the auxiliary logits, and of the logits in the encoder-only form (the decoder upsamples by transposed convs)',
    ),
  })
  .strict();

/** Validated options of the `espnet` model. */
export type EspnetOptions = z.output<typeof espnetOptionsSchema>;

/**
 * ESPNet (Mehta et al., ECCV 2018) exactly as ../shared/models/README.md describes it, with every
 * parameter named as in the authors' state dicts so that every file of ../shared/models loads by
 * name into the matching `variant`, `p`, `q` and form.
 *
 * - Input `image`: BGR, ((v - mean) / std) / 255 (see the handle's preprocessing); H and W
 *   multiples of 8.
 * - `logits`: K x H x W. The encoder-decoder's come from its last transposed conv `classifier`;
 *   ESPNet-C's (`encoderOnly`) are its 1x1 `classifier.conv` at 1/8, resized to the input.
 * - `features`: the encoder's last feature map `b3` (256 channels, 1/8 resolution).
 * - `auxLogits` (encoder-decoder only): the encoder's own classifier `encoder.classifier.conv`
 *   resized bilinearly to the input size; it adds no parameters.
 * - LR groups: the decoder (from `encoder.classifier` on) is `head`, the encoder `backbone`.
 */
export function buildEspnet(input: z.input<typeof espnetOptionsSchema> = {}): SegmentationModel {
  const options = parseModelOptions('espnet', espnetOptionsSchema, input);
  const variant = ESPNET_VARIANTS[options.variant];
  const classes = options.classes === undefined ? variant.classes : classNames(options.classes);
  const k = classes.length;
  const b = new GraphBuilder();
  const image = b.input('image', 3);
  const model = {
    name: 'espnet',
    classes,
    // The trained void class exists only in the variant's own classes.
    ...(options.classes === undefined ? { voidClass: variant.voidClass } : {}),
    preprocessing: variant.preprocessing,
    input: { multipleOf: 8, nativeSize: variant.nativeSize },
  };

  if (options.encoderOnly) {
    if (options.auxLogits) throw new UsageError('invalid options for model "espnet": auxLogits: the encoder-only form has no auxiliary head');
    const { c3 } = espnetEncoder(b, image, { prefix: '', p: options.p, q: options.q });
    const lowResolution = b.group('head', () => b.conv(c3, { name: 'classifier.conv', out: k, kernel: 1, padding: 0, bias: false }));
    const logits = b.resize(lowResolution, { like: image }, options.resizeMode, 'logits.resize');
    const outputs = setSegmentationOutputs(b, options, { logits, features: c3, auxLogits: () => logits });
    return { ...model, graph: b.build(), outputs };
  }

  const { level1, c1, c2, c3 } = espnetEncoder(b, image, { prefix: 'encoder.', p: options.p, q: options.q });
  const { logits, encoderLogits } = b.group('head', () => {
    const up2 = (x: Value, name: string) => b.convTranspose(x, { name, out: k, kernel: 2, stride: 2, padding: 0, bias: false });
    const encoderLogits = b.conv(c3, { name: 'encoder.classifier.conv', out: k, kernel: 1, padding: 0, bias: false });
    const upL3 = up2(b.batchNorm(encoderLogits, { name: 'br', eps: ESPNET_BN_EPS }), 'up_l3.0');
    const projectedC2 = b.conv(c2, { name: 'level3_C.conv', out: k, kernel: 1, padding: 0, bias: false });
    const combined = br(b, b.concat([projectedC2, upL3], 'combine_l2_l3.0.concat'), 'combine_l2_l3.0');
    const merged = espBlock(b, combined, 'combine_l2_l3.1', { out: k, kind: 'plain' });
    const upL2 = br(b, up2(merged, 'up_l2.0'), 'up_l2.1');
    const skip = variant.skip === 'b1' ? c1 : level1;
    const refined = cbr(b, b.concat([upL2, skip], 'conv.concat'), 'conv', { out: k, kernel: 3 });
    return { logits: up2(refined, 'classifier'), encoderLogits };
  });

  const outputs = setSegmentationOutputs(b, options, {
    logits,
    features: c3,
    auxLogits: () => b.resize(encoderLogits, { like: image }, options.resizeMode, 'aux.resize'),
  });
  return { ...model, graph: b.build(), outputs };
}
