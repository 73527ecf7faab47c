import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  createRunContainer,
  entryLocation,
  modelPluginEntry,
  pluginRegistry,
  silentProgress,
  TOKENS,
  type DependencyContainer,
  type ProgressReporter,
  type RunContext,
  type Teacher,
  type TrainingHook,
  type VidsegConfig,
} from '@vidseg/core';
import { segmentationModel } from '@vidseg/models';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { tfjsBackendRequest } from '../backend/backend-request.js';
import { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { trainingStateContent } from '../checkpoint/training-state.js';
import { checkpointHook } from '../hooks/checkpoint-hook.js';
import { evaluationHook } from '../hooks/evaluation-hook.js';
import { ProgressHook } from '../hooks/progress-hook.js';
import { RuntimeTeacherAdapter } from '../teacher/runtime-teacher-adapter.js';
import { inStudentClasses } from '../teacher/student-class-teacher.js';
import { withComputedClassWeights } from './class-weights.js';
import { ClipFeed } from './clip-feed.js';
import { initialWeights } from './initial-weights.js';
import { lazyFlow } from './lazy-flow.js';
import { combinedRequirements, resolveLossTerms, type WeightedTerm } from './loss-objective.js';
import { resolveLrMultipliers } from './lr-multipliers.js';
import { prepareDistillers } from './prepare-distillers.js';
import { resumeState } from './resume-state.js';
import { RunCheckpoints } from './run-checkpoints.js';
import { RunEvaluation } from './run-evaluation.js';
import { SgdOptimizer } from './sgd-optimizer.js';
import { assertStepFits } from './step-memory.js';
import { buildTrainingData } from './training-data.js';
import { buildUnlabelledClips } from './unlabelled-clips.js';
import { TrainingLoop } from './training-loop.js';
import type { TrainingRunOptions } from './training-run-options.js';
import { TrainingRun } from './training-run.js';
import { TrainStep } from './train-step.js';

/**
 * Builds everything a training run needs, once, in one run container: the datasets and clip
 * sampler, the label space, the loss terms (median-frequency class weights computed from the
 * training split), the engine and the student, the teacher (its logits in the student's classes),
 * flow, evaluation metrics, optimiser, checkpoints and hooks; with `resume`, the state of a
 * checkpoint. Everything the config can get wrong fails here, before a step runs.
 */
export async function buildTrainingRun(options: TrainingRunOptions): Promise<TrainingRun> {
  const progress = options.progress ?? silentProgress;
  const { configFile } = options;
  const at = (path: string) => entryLocation(path, configFile);
  const run = createRunContainer(options.container, runContextOf(options), progress);
  const registry = pluginRegistry(run);
  const data = buildTrainingData(run, options.config, configFile);
  const config = await withComputedClassWeights(options.config, data.train, progress);
  const backend = options.backend ?? (await tfjsBackendRequest(registry.create(run, 'backend', config.backend, at('backend')), config.backend.type).activate());
  // The wasm module must be loaded before the training kernels replace some of its kernels.
  await import('@tensorflow/tfjs-backend-wasm');
  await registerTrainingKernels();
  const model = segmentationModel(registry.create(run, 'model', modelPluginEntry(config.model), at('model')));
  const start = await initialWeights(model, config, run, { ...options, progress });
  const network = backend.createNetwork(model, { seed: config.seed, frozenNormalization: config.train.batchNorm === 'frozen', ...(start.weights ? { weights: start.weights } : {}) });
  const release: (() => Promise<void> | void)[] = [() => network.dispose()];
  const releaseAll = async () => {
    for (const part of release.reverse()) await part();
  };
  try {
    const terms = resolveLossTerms(run, config.losses, configFile, backend);
    release.push(() => terms.forEach((t) => t.term.dispose?.()));
    assertStepFits(model.graph, config, combinedRequirements(terms), backend.name, configFile);
    let teacher: Teacher<tf.Tensor> | undefined;
    if (combinedRequirements(terms).teacher) {
      if (!config.teacher) throw new ConfigError([{ path: 'teacher', message: `missing value: loss terms ${terms.filter((t) => t.term.requires.teacher).map((t) => t.path).join(', ')} need a teacher` }], configFile);
      teacher = new RuntimeTeacherAdapter(registry.create(run, 'teacher', config.teacher, at('teacher')));
      const owned = teacher;
      release.push(() => owned.dispose());
    }
    const flow = lazyFlow(run, config, configFile);
    release.push(flow.dispose);
    const evaluation = data.evaluation ? RunEvaluation.build(run, config, network, data.evaluation, progress, configFile) : undefined;
    if (evaluation) release.push(() => evaluation.dispose());
    const hooks: TrainingHook[] = [...(options.hooks ?? []), checkpointHook, evaluationHook, new ProgressHook()];
    config.hooks.forEach((entry, i) => hooks.push(registry.create(run, 'hook', entry, at(`hooks[${i}]`))));
    const optimizer = new SgdOptimizer({ momentum: config.train.momentum, weightDecay: config.train.weightDecay });
    release.push(() => optimizer.dispose());
    const feed = new ClipFeed(data.sampler, config.train.batchSize, config.seed);
    release.push(() => feed.close());
    const unlabelledFeed = unlabelledClipFeed(run, config, terms, progress, configFile);
    if (unlabelledFeed) release.push(() => unlabelledFeed.close());
    const checkpoints = options.runDir ? new RunCheckpoints(new CheckpointStore(join(options.runDir, 'checkpoints'), options.keepCheckpoints ?? 3), progress, options.uninterruptible) : undefined;
    await prepareDistillers({ terms, teacher, clips: data.sampler, seed: config.seed, progress, ...(options.runDir ? { runDir: options.runDir } : {}) });
    const resumed = options.resume
      ? await resumeState(options.resume === true ? undefined : options.resume, { network, optimizer, feed, unlabelledFeed, backendName: backend.name, checkpoints, progress })
      : { step: 0, seconds: 0 };
    const trainStep = new TrainStep({
      train: config.train,
      network,
      optimizer,
      terms,
      teacher: teacher && inStudentClasses(teacher, network.model.classes),
      feed,
      ...(unlabelledFeed ? { unlabelledFeed } : {}),
      flow,
      multipliers: resolveLrMultipliers(network.groups, config.train.lrMultipliers, configFile, start.reinitialized),
      labelSpace: data.labelSpace,
      liveTensors: () => backend.liveTensors(),
    });
    const loop = new TrainingLoop({
      config,
      progress,
      trainStep,
      hooks,
      ...(evaluation ? { evaluation } : {}),
      ...(checkpoints ? { checkpoints } : {}),
      stateContent: (step, seconds) =>
        trainingStateContent(network, optimizer, { step, ...feed.state, ...(unlabelledFeed ? { unlabelled: unlabelledFeed.state } : {}), backend: backend.name, seed: config.seed, seconds }),
      startStep: resumed.step,
      earlierSeconds: resumed.seconds,
    });
    return new TrainingRun(config, network, backend, loop, releaseAll, data.sampler);
  } catch (error) {
    await releaseAll();
    throw error;
  }
}

/** The run's context: seed and folders, over the caller's container's own context (its `baseDir`), if any. */
function runContextOf(options: TrainingRunOptions): RunContext {
  const inherited: Partial<RunContext> = options.container.isRegistered(TOKENS.runContext, true) ? options.container.resolve<RunContext>(TOKENS.runContext) : {};
  return {
    ...inherited,
    seed: options.config.seed,
    ...(options.runDir ? { runDir: options.runDir } : {}),
    ...(options.baseDir ? { baseDir: options.baseDir } : {}),
  };
}

/** Offsets the unlabelled clips' random stream from the labelled one's (same seed, other draws). */
const UNLABELLED_SEED_OFFSET = 0x5eed;

/**
 * The feed of `data.unlabelled` clips (its flow estimator released with the feed), or undefined
 * without the section. Unlabelled clips with no term to use them are a ConfigError.
 */
function unlabelledClipFeed(run: DependencyContainer, config: VidsegConfig, terms: readonly WeightedTerm[], progress: ProgressReporter, configFile?: string): ClipFeed | undefined {
  if (config.data.unlabelled && terms.every((t) => t.term.requires.labels)) {
    throw new ConfigError([{ path: 'data.unlabelled', message: `every loss term needs labels (${terms.map((t) => t.term.name).join(', ')}): add a term that needs none (e.g. temporal or a distiller), or remove data.unlabelled` }], configFile);
  }
  const clips = buildUnlabelledClips(run, config, progress, configFile);
  if (!clips) return undefined;
  return new ClipFeed(clips.sampler, clips.clipsPerBatch, config.seed + UNLABELLED_SEED_OFFSET, clips.dispose);
}