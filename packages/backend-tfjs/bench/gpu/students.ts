// The zoo's students as the GPU benchmarks build them (logits only, random initialisation).
import { buildEspnet, buildMobileNetV2, buildPspnet, type SegmentationModel } from '@vidseg/models';

/** Benchmark name -> builder. MobileNetV2 at output stride 8 (the default), PSPNet on ResNet-18. */
export const STUDENTS: Readonly<Record<string, () => SegmentationModel>> = {
  espnet: () => buildEspnet({ variant: 'camvid' }),
  'mobilenetv2-x1.0': () => buildMobileNetV2({ classes: 'camvid', widthMultiplier: 1, outputStride: 8 }),
  'mobilenetv2-x0.5': () => buildMobileNetV2({ classes: 'camvid', widthMultiplier: 0.5, outputStride: 8 }),
  'pspnet-resnet18': () => buildPspnet({ backbone: 'resnet18', classes: 'camvid' }),
};
