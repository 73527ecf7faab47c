import * as tf from '@tensorflow/tfjs-core';
import { createContainer, inject, injectable, pluginRegistry, PER_FRAME_REQUIREMENTS, register as registerCore, TOKENS, type LossInputs, type LossTerm } from '@vidseg/core';
import { GraphBuilder } from '@vidseg/models';
import { z } from 'zod';
import { register } from '../src/register.js';
import { SquaresDataset, SquaresSampler } from './synthetic-clips.js';
import { handleOf } from './test-models.js';

/**
 * Softmax cross-entropy averaged over non-ignored pixels: a stand-in written for these tests, so
 * the trainer's tests do not depend on the losses package.
 */
@injectable()
export class TestCrossEntropy implements LossTerm<tf.Tensor> {
  readonly name = 'test-cross-entropy';
  readonly requires = PER_FRAME_REQUIREMENTS;

  constructor(@inject(TOKENS.pluginOptions) private readonly options: { ignoreLabel: number }) {}

  compute(inputs: LossInputs<tf.Tensor>): tf.Tensor {
    return tf.tidy(() => {
      const logits = inputs.student[inputs.target]!.logits;
      const classes = logits.shape[3]!;
      const labels = inputs.labels! as tf.Tensor3D;
      const valid = tf.cast(tf.notEqual(labels, this.options.ignoreLabel), 'float32');
      const oneHot = tf.oneHot(tf.mul(labels, tf.cast(valid, 'int32')), classes);
      const perPixel = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 3));
      return tf.div(tf.sum(tf.mul(perPixel, valid)), tf.maximum(tf.sum(valid), 1));
    });
  }
}

/**
 * A small segmentation net whose every op has a gradient on tfjs's cpu backend (no dilation, no
 * half-pixel resize): conv/2 + BN + ReLU, conv + BN + PReLU, transposed conv x2, 1x1 classifier (head).
 */
export function trainableTestNet(width: number, classes = 3) {
  const b = new GraphBuilder();
  const image = b.input('image', 3);
  let x = b.relu(b.batchNorm(b.conv(image, { name: 'stem', out: width, kernel: 3, stride: 2, bias: false }), { name: 'stem_bn' }));
  x = b.prelu(b.batchNorm(b.conv(x, { name: 'body', out: width, kernel: 3, bias: false }), { name: 'body_bn' }), { name: 'body_act' });
  x = b.convTranspose(x, { name: 'up', out: width, kernel: 2, stride: 2 });
  b.output('logits', b.group('head', () => b.conv(b.concat([x, image]), { name: 'classifier', out: classes, kernel: 1 })));
  return handleOf(b.build(), 'test-net', classes);
}

/**
 * A container with core, this package, the test net (`test-net`), the test loss, the `squares`
 * dataset (16x24 frames; `size` of them) and a clip sampler of fresh 16x24 square frames registered.
 */
export function testContainer() {
  const container = createContainer();
  registerCore(container);
  register(container);
  container.register(TOKENS.clipSamplerFactory, { useValue: () => new SquaresSampler(16, 16, 24) });
  const registry = pluginRegistry(container);
  registry.add({
    kind: 'dataset',
    name: 'squares',
    packageName: 'backend-tfjs tests',
    description: 'square frames',
    options: z.object({ size: z.number().int().default(8) }),
    factory: (options: { size: number }) => new SquaresDataset(options.size, 16, 24),
  });
  registry.add({
    kind: 'model',
    name: 'test-net',
    packageName: 'backend-tfjs tests',
    description: 'trainable test net',
    options: z.object({ width: z.number().int().default(8) }),
    factory: (options: { width: number }) => trainableTestNet(options.width),
  });
  registry.add({
    kind: 'loss',
    name: 'test-cross-entropy',
    packageName: 'backend-tfjs tests',
    description: 'cross-entropy for tests',
    options: z.object({ ignoreLabel: z.number().int().default(255) }),
    implementation: TestCrossEntropy,
  });
  return container;
}
