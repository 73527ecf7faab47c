import { z } from 'zod';
import { GraphBuilder, type Value } from '../../graph/graph-builder.js';
import { outputSelectionOptions, resizeModeOption } from '../common/model-options.js';
import { parseModelOptions } from '../common/parse-model-options.js';
import type { SegmentationModel } from '../common/segmentation-model.js';
import { setSegmentationOutputs } from '../common/set-outputs.js';
import { br, cbr, ESPNET_BN_EPS, espBlock } from './espnet-blocks.js';
import { ESPNET_VARIANTS } from './espnet-variants.js';

/** Options of the `espnet` model. */
export const espnetOptionsSchema = z
  .object({
    variant: z
      .enum(['camvid', 'cityscapes'])
      .default('camvid')
      .describe('camvid: 12 outputs (11 classes + Void), skip from b1; cityscapes: 20 outputs (19 trainIds + void), skip from level1'),
    p: z.number().int().min(1).default(2).describe('number of regular ESP blocks at level 2 (the pretrained weights have 2)'),
    q: z.number().int().min(1).default(8).describe('number of regular ESP blocks at level 3 (the pretrained weights have 8)'),
    ...outputSelectionOptions,
    resizeMode: resizeModeOption.describe('coordinate mode of the bilinear upsampling of the auxiliary logits (ESPNet upsamples its logits by transposed convs)'),
  })
  .strict();

/** Validated options of the `espnet` model. */
export type EspnetOptions = z.output<typeof espnetOptionsSchema>;

/**
 * ESPNet (Mehta et al., ECCV 2018), encoder-decoder, exactly as ../shared/models/README.md
 * describes it, with every parameter named as in the authors' state dicts so that
 * `espnet-camvid.safetensors` and `espnet-cityscapes.safetensors` load by name.
 *
 * - Input `image`: BGR, ((v - mean) / std) / 255 (see the handle's preprocessing); H and W
 *   multiples of 8.
 * - `logits`: K x H x W (K = 12 or 20), the output of the last transposed conv `classifier`.
 * - `features`: `encoder.b3.act`, the encoder's last feature map (256 channels, 1/8 resolution).
 * - `auxLogits`: the encoder's own classifier `encoder.classifier.conv` (ESPNet-C's logits, K
 *   channels at 1/8) resized bilinearly to the input size; it adds no parameters.
 * - LR groups: the decoder (from `encoder.classifier` on) is `head`, the encoder `backbone`.
 */
export function buildEspnet(input: z.input<typeof espnetOptionsSchema> = {}): SegmentationModel {
  const options = parseModelOptions('espnet', espnetOptionsSchema, input);
  const variant = ESPNET_VARIANTS[options.variant];
  const k = variant.classes.length;
  const b = new GraphBuilder();
  const image = b.input('image', 3);

  // Encoder (ESPNet-C): level 1, the average-pooled image pyramid, levels 2 and 3.
  const pool = (x: Value, name: string) => b.avgPool(x, { kernel: 3, stride: 2, padding: 1, countIncludePad: true, name });
  const level1 = cbr(b, image, 'encoder.level1', { out: 16, kernel: 3, stride: 2 });
  const image2 = pool(image, 'encoder.sample1');
  const image4 = pool(image2, 'encoder.sample2');
  const c1 = br(b, b.concat([level1, image2], 'encoder.b1.concat'), 'encoder.b1');
  const e20 = espBlock(b, c1, 'encoder.level2_0', { out: 64, kind: 'strided' });
  let e2 = e20;
  for (let i = 0; i < options.p; i++) e2 = espBlock(b, e2, `encoder.level2.${i}`, { out: 64, kind: 'residual' });
  const c2 = br(b, b.concat([e2, e20, image4], 'encoder.b2.concat'), 'encoder.b2');
  const e30 = espBlock(b, c2, 'encoder.level3_0', { out: 128, kind: 'strided' });
  let e3 = e30;
  for (let i = 0; i < options.q; i++) e3 = espBlock(b, e3, `encoder.level3.${i}`, { out: 128, kind: 'residual' });
  const c3 = br(b, b.concat([e30, e3], 'encoder.b3.concat'), 'encoder.b3');

  // Decoder.
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
  return {
    name: 'espnet',
    graph: b.build(),
    classes: variant.classes,
    voidClass: variant.voidClass,
    preprocessing: variant.preprocessing,
    outputs,
    input: { multipleOf: 8, nativeSize: variant.nativeSize },
  };
}
