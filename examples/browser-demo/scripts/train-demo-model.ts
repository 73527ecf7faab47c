import { buildTrainingRun, register as registerTfjs, type TrainingRun } from '@vidseg/backend-tfjs';
import { createContainer, ownedSectionSchema, pluginRegistry, register as registerCore, type ClipDataset, type NamedTensors, type TrainingHook, type VidsegConfig } from '@vidseg/core';
import { register as registerData } from '@vidseg/data';
import { register as registerLosses } from '@vidseg/losses';
import { register as registerModels, type SegmentationModel } from '@vidseg/models';
import type { DemoRecipe } from './demo-recipe.js';

/** What {@link trainDemoModel} returns: the network, its trained weights and the training log. */
interface TrainedDemoModel {
  readonly model: SegmentationModel;
  readonly weights: NamedTensors;
  /** Mean total loss over the first and the last 10 steps. */
  readonly loss: { readonly first: number; readonly last: number };
  readonly seconds: number;
}

/** The two runs of `vidseg demo`: its losses without the temporal term, and all of them. */
export function demoLosses(config: VidsegConfig): { readonly baseline: VidsegConfig['losses']; readonly temporal: VidsegConfig['losses'] } {
  return { baseline: config.losses.filter((loss) => loss.type !== 'temporal'), temporal: config.losses };
}

/**
 * Fine-tunes `vidseg demo`'s pretrained student with `losses` on clips of `dataset` by `vidseg
 * demo`'s recipe (its config's seed, steps, batch, learning rate, schedule and sampler; wasm backend,
 * so runs with the same dataset see the same clips in the same order).
 */
export async function trainDemoModel(recipe: DemoRecipe, losses: VidsegConfig['losses'], dataset: ClipDataset, log: (line: string) => void): Promise<TrainedDemoModel> {
  const container = createContainer();
  registerCore(container);
  registerModels(container);
  registerLosses(container);
  registerData(container);
  registerTfjs(container);
  // The caller's dataset, as the `data.train` of the config.
  pluginRegistry(container).add({ kind: 'dataset', name: 'given', packageName: 'browser-demo', description: 'the dataset passed to trainDemoModel', options: ownedSectionSchema, factory: () => dataset });
  const logEvery = 20;
  const config: VidsegConfig = {
    ...recipe.config,
    // No held-out evaluation while training (make-assets evaluates on the shipped clip).
    data: { train: { type: 'given' }, sampler: recipe.config.data.sampler },
    losses,
    train: { ...recipe.config.train, checkpointEvery: 0, evalEvery: 0, logEvery },
  };
  const started = Date.now();
  const totals: number[] = [];
  const record: TrainingHook = {
    name: 'demo-log',
    afterStep: (_, report) => {
      totals.push(report.loss);
      if (report.step % logEvery === 0) log(`  step ${report.step}: loss ${report.loss.toFixed(4)} ${JSON.stringify(report.terms)}`);
    },
  };
  const trainer: TrainingRun = await buildTrainingRun({ config, container, hooks: [record], weights: recipe.student });
  await trainer.run();
  const trained = await trainer.network.snapshot();
  const { model } = trainer.network;
  await trainer.dispose();
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { model, weights: trained, loss: { first: mean(totals.slice(0, 10)), last: mean(totals.slice(-10)) }, seconds: (Date.now() - started) / 1000 };
}
