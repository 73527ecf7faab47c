import { z } from 'zod';

/**
 * A plugin entry: `type` names the plugin; the other keys are its options, validated against the
 * plugin's own schema when the run builds it.
 */
export const pluginEntrySchema = z.looseObject({ type: z.string().min(1) });

/**
 * `model.init`: initialise the model from a safetensors file (PyTorch layout, loaded by tensor name)
 * before step 0, instead of a random start.
 */
export const modelInitSchema = z.strictObject({
  file: z.string().min(1).describe('safetensors file; absolute, or relative to the folder of the config file'),
  map: z
    .record(z.string(), z.string())
    .default({})
    .describe("prefix rewrites from file tensor names to model names, longest first (e.g. { '': 'encoder.' } for an ESPNet-C encoder)"),
  skip: z.array(z.string().min(1)).default([]).describe('model tensor name patterns (* matches anything) to leave at their initialisation'),
  strict: z.boolean().default(false).describe('a tensor whose shape differs from the model is an error (default: re-initialised and reported)'),
});

/** A model entry: a plugin entry, plus where its initial weights come from. */
export const modelEntrySchema = z.looseObject({
  type: z.string().min(1),
  init: modelInitSchema.optional().describe('initialise from weights (the run writes init.json: loaded, skippedByShape, skippedByPattern, notFound)'),
});

/**
 * A section whose keys belong to one package (the clip sampler's options under `data.sampler`, the
 * exporter's under `export`): accepted here as an object, validated by its owner with
 * {@link validateOptions} so unknown keys still get a did-you-mean at their config path.
 */
export const ownedSectionSchema = z.looseObject({});

/** Flow for real video without a configured estimator: Farneback with a disk cache (`.flow-cache`), each pair computed once. */
export const REAL_VIDEO_FLOW = { type: 'cached', estimator: { type: 'farneback' } } as const;

/**
 * `data.unlabelled`: datasets of consecutive frames without labels, whose clips feed only the terms
 * that need no labels (temporal loss, distillation); their flow comes from `flow`, estimated on the
 * raw frames and augmented with the clip.
 */
export const unlabelledDataSchema = z.strictObject({
  datasets: z.array(pluginEntrySchema).min(1).describe('frames folders, video files or folders of them (dataset plugins); their labels, if any, are never read'),
  ratio: z
    .number()
    .positive()
    .default(1)
    .describe('unlabelled clips per labelled clip in each micro-batch (ratio x train.batchSize must be a whole number)'),
  sampler: ownedSectionSchema.optional().describe('clip sampling options for the unlabelled clips, over data.sampler (e.g. other gaps)'),
  flow: pluginEntrySchema
    .default(REAL_VIDEO_FLOW)
    .describe('flow estimator for the unlabelled clips, run on the raw frames (default: Farneback with a disk cache, so each pair is computed once)'),
});

/** A loss entry: a plugin entry with the weight the trainer multiplies the term by. */
export const lossEntrySchema = z.looseObject({
  type: z.string().min(1),
  weight: z.number().min(0).default(1).describe('multiplier of this term in the total loss'),
});

const poly = z.strictObject({
  warmupSteps: z.number().int().min(0).default(0).describe('steps of linear warm-up from 0 to lr'),
  power: z.number().min(0).default(0.9).describe('lr = base * (1 - step/steps)^power after warm-up'),
});

/** The `train` section: optimiser, schedule and step budget. */
export const trainSchema = z.strictObject({
  steps: z.number().int().positive().default(1000).describe('optimiser steps'),
  batchSize: z.number().int().positive().default(4).describe('clips per step'),
  accumulate: z.number().int().positive().default(1).describe('micro-batches summed per optimiser step'),
  inputSize: z.tuple([z.number().int().positive(), z.number().int().positive()]).default([128, 256]).describe('training crop as [height, width]'),
  lr: z.number().positive().default(0.01).describe('base learning rate'),
  momentum: z.number().min(0).max(1).default(0.9).describe('SGD momentum'),
  weightDecay: z.number().min(0).default(1e-4).describe('L2 weight decay added to every gradient'),
  schedule: poly.prefault({}).describe('poly learning-rate schedule with linear warm-up: { warmupSteps, power }'),
  batchNorm: z
    .enum(['batch', 'frozen'])
    .default('batch')
    .describe('batch: normalise with batch statistics and update the running averages; frozen: normalise with the running averages and keep them, scale and shift still trained (fine-tuning: what trains is what runs; gradients are larger, so lower lr)'),
  clipGradNorm: z
    .number()
    .positive()
    .optional()
    .describe('scale the gradients down to this global L2 norm when larger (as PyTorch clip_grad_norm_); the step log then has gradientNorm; default: no clipping'),
  lrMultipliers: z.record(z.string(), z.number().positive()).default({}).describe('parameter group (e.g. head) or name prefix -> lr multiplier (the reference trains new heads at 10x)'),
  evalEvery: z.number().int().min(0).default(0).describe('evaluate every N steps (0: only at the end)'),
  checkpointEvery: z.number().int().min(0).default(100).describe('checkpoint every N steps (0: only at the end)'),
  logEvery: z.number().int().positive().default(10).describe('show loss and lr on the progress line every N steps'),
});

/** The `eval` section: which metrics, on which split, with which flow. */
export const evalSchema = z.strictObject({
  metrics: z.array(pluginEntrySchema).default([{ type: 'miou' }, { type: 'tc' }]),
  flow: pluginEntrySchema.optional().describe('flow estimator for TC (default: the data flow)'),
  inputSize: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional().describe('evaluation size as [height, width] (default: native)'),
});

/** The whole vidseg configuration, after `extends` and overrides are applied. */
export const vidsegConfigSchema = z.strictObject({
  seed: z.number().int().default(0).describe('seed of every random choice of the run'),
  plugins: z.array(z.string()).default([]).describe('packages or files whose register(container) adds plugins'),
  run: z
    .strictObject({
      dir: z.string().default('runs').describe('parent folder of run folders'),
      name: z.string().default('run').describe('run folder name'),
    })
    .prefault({})
    .describe('where `vidseg train` writes: { dir, name }, relative to the working directory'),
  backend: pluginEntrySchema.default({ type: 'auto' }).describe('training backend'),
  runtime: pluginEntrySchema.default({ type: 'auto' }).describe('inference runtime of evaluation (vidseg eval, demo): a runtime plugin'),
  model: modelEntrySchema.describe('the network to train (a model plugin), optionally initialised from weights (`init`)'),
  teacher: pluginEntrySchema.optional().describe('frozen teacher for distillation (a teacher plugin)'),
  data: z.strictObject({
    train: pluginEntrySchema.optional().describe('the training set (needed by vidseg train; an evaluation-only config leaves it out)'),
    val: pluginEntrySchema.optional(),
    test: pluginEntrySchema.optional(),
    unlabelled: unlabelledDataSchema.optional().describe('unlabelled video for the terms that need no labels: { datasets, ratio }'),
    sampler: ownedSectionSchema.default({}).describe('training clip sampling and augmentation (options of @vidseg/data\'s sampler)'),
  }).prefault({}).describe('datasets: { train, val, test, unlabelled } (dataset plugins) and the training clip sampler'),
  flow: pluginEntrySchema.default({ type: 'exact' }).describe('flow estimator for training pairs'),
  losses: z.array(lossEntrySchema).default([]).describe('weighted loss terms: loss and distiller plugins, each with a `weight` (needed by vidseg train; an evaluation-only config leaves them out)'),
  train: trainSchema.prefault({}).describe('optimiser, schedule and step budget'),
  eval: evalSchema.prefault({}).describe('metrics and flow of evaluation'),
  hooks: z.array(pluginEntrySchema).default([]).describe('extra training hooks (hook plugins), run after the built-in ones'),
  export: ownedSectionSchema.default({}).describe('ONNX export options (of @vidseg/backend-ort\'s exporter)'),
});

/** A validated, fully resolved configuration (defaults applied). */
export type VidsegConfig = z.output<typeof vidsegConfigSchema>;
