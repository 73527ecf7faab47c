/**
 * The graph value behind each entry of `intermediate_stats` in
 * ../shared/models/espnet-camvid-check.json (and espnet-cityscapes-check.json), so an engine can
 * compare its per-layer activation means with the reference: run the ESPNet graph keeping these
 * values and average each over the whole [C, H, W] tensor.
 */
export const ESPNET_CHECK_LAYERS: Readonly<Record<string, string>> = {
  level1_out: 'encoder.level1.act',
  image_half: 'encoder.sample1',
  image_quarter: 'encoder.sample2',
  b1_out: 'encoder.b1.act',
  level2_0_out: 'encoder.level2_0.act',
  'level2.1_out': 'encoder.level2.1.bn.act',
  b2_out: 'encoder.b2.act',
  level3_0_out: 'encoder.level3_0.act',
  'level3.7_out': 'encoder.level3.7.bn.act',
  b3_out: 'encoder.b3.act',
  br_out: 'br',
  up_l3_out: 'up_l3.0',
  level3_C_out: 'level3_C.conv',
  combine_l2_l3_out: 'combine_l2_l3.1.bn.act',
  up_l2_out: 'up_l2.1.act',
  conv_out: 'conv.act',
  'classifier_out (logits)': 'classifier',
};
