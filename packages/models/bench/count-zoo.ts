/**
 * Prints the parameter and FLOP table of the model zoo (README "Model sizes").
 * Run: `npm run bench:counts -w @vidseg/models` (builds the package, then this script).
 */
import { buildEspnet, buildMobileNetV2, buildPspnet, countFlops, countParameters, type SegmentationModel } from '@vidseg/models';

const SIZES = [
  [360, 480],
  [512, 1024],
] as const;

const ROWS: readonly [string, (aux: boolean) => SegmentationModel][] = [
  ['espnet (camvid, p=2, q=8)', (auxLogits) => buildEspnet({ variant: 'camvid', auxLogits })],
  ['espnet (cityscapes, p=2, q=8)', (auxLogits) => buildEspnet({ variant: 'cityscapes', auxLogits })],
  ['mobilenetv2 (x1.0, output stride 8)', (auxLogits) => buildMobileNetV2({ auxLogits })],
  ['mobilenetv2 (x1.0, output stride 16)', (auxLogits) => buildMobileNetV2({ outputStride: 16, auxLogits })],
  ['mobilenetv2 (x0.5, output stride 8)', (auxLogits) => buildMobileNetV2({ widthMultiplier: 0.5, auxLogits })],
  ['pspnet (resnet18)', (auxLogits) => buildPspnet({ backbone: 'resnet18', auxLogits })],
  ['pspnet (resnet50)', (auxLogits) => buildPspnet({ backbone: 'resnet50', auxLogits })],
  ['pspnet (resnet101)', (auxLogits) => buildPspnet({ backbone: 'resnet101', auxLogits })],
];

const millions = (n: number) => (n / 1e6).toFixed(3);
const giga = (n: number) => (n / 1e9).toFixed(2);

const header = ['model (11 CamVid classes unless noted)', 'params (M)', 'params with aux head (M)', ...SIZES.map(([h, w]) => `GFLOPs ${h}x${w}`)];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
for (const [label, build] of ROWS) {
  const model = build(false);
  const withAux = build(true);
  const cells = [
    label,
    millions(countParameters(model.graph).trainable),
    millions(countParameters(withAux.graph).trainable),
    ...SIZES.map(([h, w]) => giga(countFlops(model.graph, h, w))),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
