import { buildTrainingRun, register as registerTfjs, type TrainingRun } from '@vidseg/backend-tfjs';
import { createContainer, ownedSectionSchema, pluginRegistry, register as registerCore, vidsegConfigSchema, type ClipDataset, type NamedTensors, type TrainingHook } from '@vidseg/core';
import { register as registerData, type ClipSamplerOptionsInput } from '@vidseg/data';
import { register as registerLosses } from '@vidseg/losses';
import { register as registerModels, type SegmentationModel } from '@vidseg/models';

/** A loss entry of the vidseg config (`type`, `weight`, options). */
type LossEntry = { readonly type: string; readonly weight?: number } & Readonly<Record<string, unknown>>;

/** What {@link trainDemoModel} returns: the network, its trained weights and the training log. */
interface TrainedDemoModel {
  readonly model: SegmentationModel;
  readonly weights: NamedTensors;
  /** Mean total loss over the first and the last 10 steps. */
  readonly loss: { readonly first: number; readonly last: number };
  readonly seconds: number;
}

/**
 * The recipe of `vidseg demo` (packages/cli/configs/demo.yaml), whose temporal loss raised TC by
 * 8 points with two seeds: the same student, seed, steps, batch, learning rate and warm-up. Both
 * demo models train from scratch with it; only their losses differ.
 */
export const DEMO_TRAINING = {
  seed: 1,
  backend: { type: 'wasm' },
  model: { type: 'mobilenetv2', classes: 'camvid', widthMultiplier: 0.35, outputStride: 16, headChannels: 64, dropout: 0 },
  data: { train: { type: 'synthetic' } },
  train: { steps: 300, batchSize: 4, lr: 0.05, schedule: { warmupSteps: 20 } },
} as const;

/**
 * The training clips of `vidseg demo`'s sampler: pairs (t, t ± 1 or 2) with their exact flow, one
 * shared augmentation (scale 0.9-1.1, rotation up to 2 degrees), cropped to [height, width].
 */
export const TRAINING_SAMPLER = { gaps: [-2, -1, 1, 2], scale: [0.9, 1.1], maxRotation: 2, cropSize: [96, 128] } satisfies ClipSamplerOptionsInput;

/**
 * Trains the demo's student with `losses` on clips of `dataset` (wasm backend, fixed seed, so
 * runs with the same dataset see the same clips in the same order) from the seeded initialisation.
 */
export async function trainDemoModel(losses: readonly LossEntry[], dataset: ClipDataset, log: (line: string) => void): Promise<TrainedDemoModel> {
  const container = createContainer();
  registerCore(container);
  registerModels(container);
  registerLosses(container);
  registerData(container);
  registerTfjs(container);
  // The caller's dataset, as the `data.train` of the config.
  pluginRegistry(container).add({ kind: 'dataset', name: 'given', packageName: 'browser-demo', description: 'the dataset passed to trainDemoModel', options: ownedSectionSchema, factory: () => dataset });
  const logEvery = 50;
  const config = vidsegConfigSchema.parse({
    ...DEMO_TRAINING,
    data: { train: { type: 'given' }, sampler: TRAINING_SAMPLER },
    losses,
    train: { ...DEMO_TRAINING.train, inputSize: TRAINING_SAMPLER.cropSize, checkpointEvery: 0, logEvery },
  });
  const started = Date.now();
  const totals: number[] = [];
  const record: TrainingHook = {
    name: 'demo-log',
    afterStep: (_, report) => {
      totals.push(report.loss);
      if (report.step % logEvery === 0) log(`  step ${report.step}: loss ${report.loss.toFixed(4)} ${JSON.stringify(report.terms)}`);
    },
  };
  const trainer: TrainingRun = await buildTrainingRun({ config, container, hooks: [record] });
  await trainer.run();
  const trained = await trainer.network.snapshot();
  const { model } = trainer.network;
  await trainer.dispose();
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { model, weights: trained, loss: { first: mean(totals.slice(0, 10)), last: mean(totals.slice(-10)) }, seconds: (Date.now() - started) / 1000 };
}
