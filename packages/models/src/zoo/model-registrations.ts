import type { PluginRegistration } from '@vidseg/core';
import type { SegmentationModel } from './common/segmentation-model.js';
import { buildEspnet, espnetOptionsSchema } from './espnet/build-espnet.js';
import { buildMobileNetV2, mobileNetV2OptionsSchema } from './mobilenetv2/build-mobilenetv2.js';
import { buildPspnet, pspnetOptionsSchema } from './pspnet/build-pspnet.js';
import { buildTinyEveryOp, tinyEveryOpOptionsSchema } from './tiny/build-tiny-every-op.js';
import { buildTiny, tinyOptionsSchema } from './tiny/build-tiny.js';

const packageName = '@vidseg/models';

/** The zoo's `model` plugins; each factory returns a {@link SegmentationModel}. */
export const MODEL_REGISTRATIONS: readonly PluginRegistration<SegmentationModel>[] = [
  {
    kind: 'model',
    name: 'espnet',
    packageName,
    description: 'ESPNet (p, q) encoder-decoder; loads the pretrained CamVid and Cityscapes weights of ../shared/models by name.',
    options: espnetOptionsSchema,
    factory: buildEspnet,
  },
  {
    kind: 'model',
    name: 'mobilenetv2',
    packageName,
    description: 'MobileNetV2 (width multiplier, output stride 8 by dilation) with a light 1x1 head: a compact student, trained from scratch.',
    options: mobileNetV2OptionsSchema,
    factory: buildMobileNetV2,
  },
  {
    kind: 'model',
    name: 'pspnet',
    packageName,
    description: 'PSPNet on a dilated ResNet-18 (student) or ResNet-50/101 (teachers), output stride 8, pyramid pooling 1-2-3-6, auxiliary head on stage 3.',
    options: pspnetOptionsSchema,
    factory: buildPspnet,
  },
  {
    kind: 'model',
    name: 'tiny',
    packageName,
    description: 'A few-layer network for tests (strided, dilated and transposed convs, BatchNorm, resize, concat).',
    options: tinyOptionsSchema,
    factory: buildTiny,
  },
  {
    kind: 'model',
    name: 'tiny-every-op',
    packageName,
    description: 'A small network that uses every op of the graph description, for engine tests.',
    options: tinyEveryOpOptionsSchema,
    factory: buildTinyEveryOp,
  },
];
