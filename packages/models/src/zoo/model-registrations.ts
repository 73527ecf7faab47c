import type { PluginRegistration } from '@vidseg/core';
import type { SegmentationModel } from './common/segmentation-model.js';
import { buildEspnet, espnetOptionsSchema } from './espnet/build-espnet.js';
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
