import { createTrainer, register as registerTfjs } from '@vidseg/backend-tfjs';
import { CAMVID_PALETTE, createContainer, register as registerCore, vidsegConfigSchema, type NamedTensors } from '@vidseg/core';
import { SyntheticDataset, TrainingClipSampler } from '@vidseg/data';
import { register as registerLosses } from '@vidseg/losses';
import { register as registerModels, type SegmentationModel } from '@vidseg/models';
import { TRAINING_DATA } from './demo-settings.js';
import { MemoizedDataset } from './memoized-dataset.js';

/** A loss entry of the vidseg config (`type`, `weight`, options). */
export type LossEntry = { readonly type: string; readonly weight?: number } & Readonly<Record<string, unknown>>;

/** One training stage: its losses, steps and base learning rate. */
export interface TrainingStage {
  readonly losses: readonly LossEntry[];
  readonly steps: number;
  readonly lr: number;
}

/** What {@link trainDemoModel} returns: the network, its trained weights and the training log. */
export interface TrainedDemoModel {
  readonly model: SegmentationModel;
  readonly weights: NamedTensors;
  /** Mean total loss over the first and the last 10 steps. */
  readonly loss: { readonly first: number; readonly last: number };
  readonly seconds: number;
}

/** Settings every stage shares: network, data, seed, batch. */
export const DEMO_TRAINING = {
  seed: 3,
  backend: { type: 'wasm' },
  model: { type: 'tiny', width: 16, classes: 'camvid' },
  data: { train: { type: 'synthetic' } },
  batchSize: 8,
} as const;

/** Random crops of this [height, width] from the training frames, at scale about 1 (as the demo clip). */
export const TRAINING_CROP: [number, number] = [96, 128];

/** Frame offsets of the neighbour in training pairs (t, t + gap). */
export const TRAINING_GAPS = [1, 2];

/**
 * Runs one training stage of the demo's tiny network on synthetic street clips (wasm backend,
 * fixed seed, so stages with the same settings see the same clips in the same order), from
 * `weights` when given, else from the seeded initialisation. Pairs (t, t + 1 or 2) give the
 * temporal loss its exact flow.
 */
export async function trainDemoModel(stage: TrainingStage, log: (line: string) => void, weights?: NamedTensors): Promise<TrainedDemoModel> {
  const container = createContainer();
  registerCore(container);
  registerModels(container);
  registerLosses(container);
  registerTfjs(container);
  const { batchSize, ...shared } = DEMO_TRAINING;
  const logEvery = 50;
  const config = vidsegConfigSchema.parse({
    ...shared,
    losses: stage.losses,
    train: { steps: stage.steps, batchSize, lr: stage.lr, checkpointEvery: 0, logEvery, schedule: { warmupSteps: weights ? 0 : 10 } },
  });
  const sampler = new TrainingClipSampler(new MemoizedDataset(new SyntheticDataset(TRAINING_DATA)), { gaps: TRAINING_GAPS, cropSize: TRAINING_CROP, scale: [0.9, 1.1] });
  const started = Date.now();
  const trainer = await createTrainer({
    config,
    container,
    clips: sampler,
    labelSpace: { classes: CAMVID_PALETTE.classes, ignoreLabel: CAMVID_PALETTE.ignoreLabel },
    ...(weights ? { weights } : {}),
  });
  const totals: number[] = [];
  trainer.on('step', (report) => {
    totals.push(report.loss);
    if (report.step % logEvery === 0) log(`  step ${report.step}: loss ${report.loss.toFixed(4)} ${JSON.stringify(report.terms)}`);
  });
  await trainer.run();
  const trained = await trainer.network.snapshot();
  const { model } = trainer.network;
  await trainer.dispose();
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { model, weights: trained, loss: { first: mean(totals.slice(0, 10)), last: mean(totals.slice(-10)) }, seconds: (Date.now() - started) / 1000 };
}
