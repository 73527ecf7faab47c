import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import {
  DataError,
  pluginEntrySchema,
  readSafetensors,
  type ImageFrame,
  type NetworkOutputs,
  type PluginContext,
  type Teacher,
} from '@vidseg/core';
import { loadWeights, segmentationModel, type Graph, type SegmentationModel } from '@vidseg/models';
import { z } from 'zod';
import { TfjsNetwork } from '../network/tfjs-network.js';
import { preprocessFrames } from '../train/preprocess.js';

/** Options of the `zoo` teacher. */
export const zooTeacherOptionsSchema = z.object({
  model: pluginEntrySchema.describe('the zoo model, as in the `model` section (e.g. { type: pspnet, depth: 50 })'),
  weights: z.string().min(1).describe('safetensors file with every parameter of the model (PyTorch names), relative to the config'),
});

/** Validated {@link zooTeacherOptionsSchema}. */
export type ZooTeacherOptions = z.output<typeof zooTeacherOptionsSchema>;

/**
 * A frozen teacher from the model zoo on TensorFlow.js: the model built from the registry, weights
 * loaded from a file, always in eval mode, with the model's own preprocessing. Outputs are NHWC.
 * The weights load on first use, so building the plugin reads nothing.
 */
export class ZooTeacher implements Teacher<tf.Tensor> {
  readonly name: string;
  readonly classes: readonly string[];
  private network: Promise<TfjsNetwork> | undefined;

  constructor(
    private readonly model: SegmentationModel,
    private readonly weightsPath: string,
  ) {
    this.name = `zoo:${model.name}`;
    this.classes = model.classes;
  }

  async predict(frames: readonly ImageFrame[], options: { features?: boolean } = {}): Promise<NetworkOutputs<tf.Tensor>> {
    const network = await (this.network ??= this.load());
    if (options.features && !('features' in this.model.graph.outputs)) {
      throw new DataError(`teacher ${this.name}: features were asked for, but the model was built without them (set features: true in teacher.model)`);
    }
    const input = preprocessFrames(frames, this.model.preprocessing);
    try {
      const outputs = network.forward(input, 'eval');
      if (!options.features && outputs.features) {
        outputs.features.dispose();
        return { logits: outputs.logits, ...(outputs.auxLogits ? { auxLogits: outputs.auxLogits } : {}) };
      }
      return outputs;
    } finally {
      input.dispose();
    }
  }

  async dispose(): Promise<void> {
    const network = this.network;
    this.network = undefined;
    // A network that failed to load has nothing to free (its error reached the caller already).
    const loaded = await network?.catch(() => undefined);
    loaded?.dispose();
  }

  private async load(): Promise<TfjsNetwork> {
    const bytes = await readFile(this.weightsPath).catch((error: Error) => {
      throw new DataError(`teacher ${this.name}: cannot read weights ${this.weightsPath} (${error.message})`);
    });
    const { tensors } = readSafetensors(new Uint8Array(bytes), this.weightsPath);
    const { tensors: weights } = loadWeights(this.model.graph as Graph, tensors, { source: this.weightsPath });
    return new TfjsNetwork(this.model, weights, { seed: 0, trainable: false });
  }
}

/** Builds a {@link ZooTeacher} in a plugin's container (the `teacher` plugin `zoo`). */
export function createZooTeacher(options: ZooTeacherOptions, context: PluginContext): ZooTeacher {
  const model = segmentationModel(context.create('model', options.model, { path: 'teacher.model' }));
  const path = isAbsolute(options.weights) ? options.weights : resolve(context.baseDir ?? process.cwd(), options.weights);
  return new ZooTeacher(model, path);
}
