import type { GraphBuilder, Value } from '../../graph/graph-builder.js';

/** The ResNet depths the zoo builds. */
export type ResNetDepth = 18 | 50 | 101;

/** Block type and blocks per stage of each depth. */
const LAYOUTS: Readonly<Record<ResNetDepth, { bottleneck: boolean; blocks: readonly [number, number, number, number] }>> = {
  18: { bottleneck: false, blocks: [2, 2, 2, 2] },
  50: { bottleneck: true, blocks: [3, 4, 6, 3] },
  101: { bottleneck: true, blocks: [3, 4, 23, 3] },
};

/** What the backbone returns: the stage-3 and stage-4 outputs, both at 1/8. */
export interface DilatedResNetFeatures {
  /** `layer3` output (256 channels for ResNet-18, 1024 for ResNet-50/101), the auxiliary head's input. */
  readonly layer3: Value;
  /** `layer4` output (512 or 2048 channels). */
  readonly layer4: Value;
}

function convBn(b: GraphBuilder, x: Value, conv: string, bn: string, options: { out: number; kernel: number; stride?: number; dilation?: number }): Value {
  const dilation = options.dilation ?? 1;
  const y = b.conv(x, { name: conv, out: options.out, kernel: options.kernel, stride: options.stride ?? 1, dilation, padding: (dilation * (options.kernel - 1)) / 2, bias: false });
  return b.batchNorm(y, { name: bn });
}

/** A ResNet block (basic: two 3x3; bottleneck: 1x1, 3x3, 1x1 x4) with its shortcut; names as torchvision. */
function residualBlock(b: GraphBuilder, x: Value, prefix: string, options: { planes: number; stride: number; dilation: number; bottleneck: boolean }): Value {
  const { planes, stride, dilation } = options;
  const out = options.bottleneck ? planes * 4 : planes;
  let y: Value;
  if (options.bottleneck) {
    y = b.relu(convBn(b, x, `${prefix}.conv1`, `${prefix}.bn1`, { out: planes, kernel: 1 }), `${prefix}.relu1`);
    y = b.relu(convBn(b, y, `${prefix}.conv2`, `${prefix}.bn2`, { out: planes, kernel: 3, stride, dilation }), `${prefix}.relu2`);
    y = convBn(b, y, `${prefix}.conv3`, `${prefix}.bn3`, { out, kernel: 1 });
  } else {
    y = b.relu(convBn(b, x, `${prefix}.conv1`, `${prefix}.bn1`, { out: planes, kernel: 3, stride, dilation }), `${prefix}.relu1`);
    y = convBn(b, y, `${prefix}.conv2`, `${prefix}.bn2`, { out, kernel: 3, dilation });
  }
  const shortcut = stride !== 1 || x.channels !== out ? convBn(b, x, `${prefix}.downsample.0`, `${prefix}.downsample.1`, { out, kernel: 1, stride }) : x;
  return b.relu(b.add([y, shortcut], `${prefix}.add`), `${prefix}.relu`);
}

/**
 * A dilated ResNet (v1.5: the stride sits on the 3x3 conv) with output stride 8, as PSPNet uses
 * it: the deep stem of the PSPNet and CSAIL models (three 3x3 convs 3-64-64-128, the first with
 * stride 2, then a 3x3 stride-2 max pool), `layer1` and `layer2` as usual, and `layer3` and
 * `layer4` with stride 1 and every 3x3 conv dilated by 2 and 4. Parameters are named
 * `backbone.conv1`, `backbone.bn1`, ..., `backbone.layer<i>.<j>.conv1`, `...downsample.0/1`
 * (torchvision / CSAIL names with a `backbone.` prefix), so `include: ['backbone.']` loads a
 * backbone alone.
 */
export function dilatedResNet(b: GraphBuilder, image: Value, depth: ResNetDepth): DilatedResNetFeatures {
  const layout = LAYOUTS[depth];
  const stem = (x: Value, i: number, out: number, stride: number) =>
    b.relu(convBn(b, x, `backbone.conv${i}`, `backbone.bn${i}`, { out, kernel: 3, stride }), `backbone.relu${i}`);
  let x = stem(stem(stem(image, 1, 64, 2), 2, 64, 1), 3, 128, 1);
  x = b.maxPool(x, { kernel: 3, stride: 2, padding: 1, name: 'backbone.maxpool' });
  const stages = [
    { planes: 64, stride: 1, dilation: 1 },
    { planes: 128, stride: 2, dilation: 1 },
    { planes: 256, stride: 1, dilation: 2 },
    { planes: 512, stride: 1, dilation: 4 },
  ];
  const outputs: Value[] = [];
  stages.forEach((stage, s) => {
    for (let i = 0; i < layout.blocks[s]!; i++) {
      x = residualBlock(b, x, `backbone.layer${s + 1}.${i}`, { ...stage, stride: i === 0 ? stage.stride : 1, bottleneck: layout.bottleneck });
    }
    outputs.push(x);
  });
  return { layer3: outputs[2]!, layer4: outputs[3]! };
}
