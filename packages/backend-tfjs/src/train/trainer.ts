import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  createEvaluationPlugins,
  createRunContainer,
  evaluationLabelSpace,
  InternalError,
  pluginRegistry,
  SeededRandom,
  silentProgress,
  TOKENS,
  type ClipSample,
  type DependencyContainer,
  type DistillationStrategy,
  type FlowEstimator,
  type NetworkOutputs,
  type ProgressReporter,
  type RunContext,
  type Teacher,
  type VidsegConfig,
  type EvaluationResult,
} from '@vidseg/core';
import type { SegmentationModel } from '@vidseg/models';
import { registerTrainingKernels, releasingVariableGrads } from '@vidseg/tfjs-ops';
import type { TfjsBackendRequest } from '../backend/backend-request.js';
import type { TfjsTrainingBackend } from '../backend/tfjs-training-backend.js';
import { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { restoreTrainingState, trainingStateContent } from '../checkpoint/training-state.js';
import { evaluate } from '../eval/evaluate.js';
import type { TfjsNetwork } from '../network/tfjs-network.js';
import { RuntimeTeacherAdapter } from '../teacher/runtime-teacher-adapter.js';
import { teacherClassChannels } from '../teacher/teacher-class-channels.js';
import { buildClipBatch, disposeClipBatch, type ClipBatch } from './clip-batch.js';
import { ClipFeed } from './clip-feed.js';
import { assertHostLabelsInRange } from './host-label-check.js';
import { combinedRequirements, resolveLossTerms, weightedObjective, type WeightedTerm } from './loss-objective.js';
import { resolveLrMultipliers } from './lr-multipliers.js';
import { learningRateAt } from './poly-schedule.js';
import { SgdOptimizer } from './sgd-optimizer.js';
import { assertStepFits } from './step-memory.js';
import type { StepReport, TrainerEvents, TrainerOptions, TrainingSummary } from './trainer-types.js';

type Listener<K extends keyof TrainerEvents> = (data: TrainerEvents[K]) => void;

/**
 * Builds everything a training run needs from `options.config`: the engine (unless given), the
 * student network, loss terms (and the teacher they need), optimiser, and, with `resume`, the
 * state of the last checkpoint.
 */
export async function createTrainer(options: TrainerOptions): Promise<Trainer> {
  const progress = options.progress ?? silentProgress;
  const { config } = options;
  const run = createRunContainer(options.container, { ...inheritedRunContext(options.container), seed: config.seed, ...(options.runDir ? { runDir: options.runDir } : {}) }, progress);
  run.register(TOKENS.labelSpace, { useValue: options.labelSpace });
  const registry = pluginRegistry(run);
  const location = (path: string) => ({ path, ...(options.configFile ? { file: options.configFile } : {}) });
  const backend = options.backend ?? (await registry.create<TfjsBackendRequest>(run, 'backend', config.backend, location('backend')).activate());
  // The wasm module must be loaded before the training kernels replace some of its kernels.
  await import('@tensorflow/tfjs-backend-wasm');
  await registerTrainingKernels();
  const model = registry.create<SegmentationModel>(run, 'model', config.model, location('model'));
  const network = backend.createNetwork(model, { seed: config.seed, ...(options.weights ? { weights: options.weights } : {}) });
  const parts: Disposable[] = [{ dispose: () => network.dispose() }];
  try {
    const terms = resolveLossTerms(run, config.losses, options.configFile, backend);
    parts.push({ dispose: () => terms.forEach((t) => t.term.dispose?.()) });
    const needs = combinedRequirements(terms);
    assertStepFits(model.graph, config, needs, backend.name, options.configFile);
    let teacher: Teacher<tf.Tensor> | undefined;
    if (needs.teacher) {
      if (!config.teacher) throw new ConfigError([{ path: 'teacher', message: `missing value: loss terms ${terms.filter((t) => t.term.requires.teacher).map((t) => t.path).join(', ')} need a teacher` }], options.configFile);
      teacher = new RuntimeTeacherAdapter(registry.create<Teacher<tf.Tensor>>(run, 'teacher', config.teacher, location('teacher')));
      const owned = teacher;
      parts.push({ dispose: () => void owned.dispose() });
    }
    const multipliers = resolveLrMultipliers(network.groups, config.train.lrMultipliers, options.configFile);
    const flow = lazyFlow(run, config, options.configFile);
    const trainer = new Trainer({ ...options, progress }, backend, network, terms, teacher, flow, multipliers);
    await trainer.prepareDistillers();
    if (options.resume) await trainer.resumeFrom(options.resume === true ? undefined : options.resume);
    return trainer;
  } catch (error) {
    parts.reverse().forEach((part) => part.dispose());
    throw error;
  }
}

/** The teacher's outputs with its logits restricted to the student's classes (channels last). */
function selectTeacherClasses(outputs: NetworkOutputs<tf.Tensor>, channels: readonly number[]): NetworkOutputs<tf.Tensor> {
  const logits = tf.gather(outputs.logits, channels, outputs.logits.rank - 1);
  outputs.logits.dispose();
  return { ...outputs, logits };
}

/** The run context of the caller's container (its `baseDir` resolves config-relative paths), if any. */
function inheritedRunContext(container: DependencyContainer): Partial<RunContext> {
  return container.isRegistered(TOKENS.runContext, true) ? container.resolve<RunContext>(TOKENS.runContext) : {};
}

interface Disposable {
  dispose(): void;
}

/** The flow estimator of `config.flow`, built on first use (clips with exact flow never need it). */
interface LazyFlow {
  readonly get: () => FlowEstimator;
  readonly dispose: () => void;
}

function lazyFlow(run: DependencyContainer, config: VidsegConfig, configFile?: string): LazyFlow {
  let estimator: FlowEstimator | undefined;
  return {
    get: () => (estimator ??= pluginRegistry(run).create<FlowEstimator>(run, 'flow', config.flow, { path: 'flow', ...(configFile ? { file: configFile } : {}) })),
    dispose: () => estimator?.dispose?.(),
  };
}

/**
 * A training run: SGD with momentum and weight decay on the weighted loss terms, poly learning rate
 * with warm-up, per-parameter multipliers, gradient accumulation, periodic evaluation and atomic
 * checkpoints. Deterministic for a given config, seed and backend: the clip order, augmentation
 * and dropout all draw from seeded streams saved in checkpoints, so a resumed run continues
 * exactly; the next micro-batch's clips are drawn while a step computes ({@link ClipFeed}). Call
 * {@link stop} (e.g. on Ctrl-C) to end {@link run} after the current step with a checkpoint.
 */
export class Trainer {
  /** The student being trained. */
  readonly network: TfjsNetwork;
  private readonly config: VidsegConfig;
  private readonly progress: ProgressReporter;
  private readonly optimizer: SgdOptimizer;
  private readonly store: CheckpointStore | undefined;
  private readonly needs: ReturnType<typeof combinedRequirements>;
  private readonly feed: ClipFeed;
  private stepsDone = 0;
  private stopRequested = false;
  private lastCheckpointStep = -1;
  private lastCheckpointPath: string | undefined;
  private readonly listeners: { [K in keyof TrainerEvents]: Listener<K>[] } = { step: [], evaluation: [], checkpoint: [] };
  /** Teacher logit channels in the student's class order, when the class lists differ. */
  private readonly teacherChannels: number[] | undefined;

  constructor(
    private readonly options: TrainerOptions & { progress: ProgressReporter },
    /** The engine the student trains on. */
    readonly backend: TfjsTrainingBackend,
    network: TfjsNetwork,
    private readonly terms: readonly WeightedTerm[],
    private readonly teacher: Teacher<tf.Tensor> | undefined,
    private readonly flow: LazyFlow,
    private readonly multipliers: ReadonlyMap<string, number>,
  ) {
    this.network = network;
    this.config = options.config;
    this.progress = options.progress;
    this.teacherChannels = teacher ? teacherClassChannels(teacher.classes, options.labelSpace.classes) : undefined;
    this.optimizer = new SgdOptimizer({ momentum: this.config.train.momentum, weightDecay: this.config.train.weightDecay });
    this.store = options.runDir ? new CheckpointStore(join(options.runDir, 'checkpoints'), options.keepCheckpoints ?? 3) : undefined;
    this.needs = combinedRequirements(terms);
    this.feed = new ClipFeed(options.clips, this.config.train.batchSize, this.config.seed);
  }

  /** Optimiser steps done so far (restored on resume). */
  get step(): number {
    return this.stepsDone;
  }

  /** Calls `listener` after every step, evaluation or checkpoint. */
  on<K extends keyof TrainerEvents>(event: K, listener: Listener<K>): void {
    this.listeners[event].push(listener);
  }

  /** Asks {@link run} to stop after the current step (it then writes a checkpoint and returns). */
  stop(): void {
    this.stopRequested = true;
  }

  /** Runs until `train.steps` or {@link stop}, with periodic evaluation and checkpoints. */
  async run(): Promise<TrainingSummary> {
    const { steps, checkpointEvery, evalEvery, logEvery } = this.config.train;
    const task = this.progress.start('train', steps, 'steps');
    if (this.stepsDone > 0) task.advance(this.stepsDone);
    let lastStep: StepReport | undefined;
    let evaluation: EvaluationResult | undefined;
    this.stopRequested = false;
    while (this.stepsDone < steps && !this.stopRequested) {
      lastStep = await this.trainStep();
      const info = lastStep.step % logEvery === 0 ? { loss: Number(lastStep.loss.toFixed(4)), lr: Number(lastStep.lr.toPrecision(3)) } : undefined;
      task.advance(1, info);
      if (checkpointEvery > 0 && this.stepsDone % checkpointEvery === 0) await this.saveCheckpoint();
      if (evalEvery > 0 && this.stepsDone % evalEvery === 0 && this.stepsDone < steps) evaluation = await this.evaluate();
    }
    await this.saveCheckpoint();
    if (!this.stopRequested || this.stepsDone >= steps) evaluation = (await this.evaluate()) ?? evaluation;
    task.done(`${this.stepsDone} steps${lastStep ? `, last loss ${lastStep.loss.toFixed(4)}` : ''}`);
    return {
      steps: this.stepsDone,
      stopped: this.stepsDone < steps,
      ...(lastStep ? { lastStep } : {}),
      ...(this.lastCheckpointPath ? { checkpoint: this.lastCheckpointPath } : {}),
      ...(evaluation ? { evaluation } : {}),
    };
  }

  /** One optimiser step over `train.accumulate` micro-batches of `train.batchSize` clips. */
  async trainStep(): Promise<StepReport> {
    const started = performance.now();
    const { accumulate, batchSize } = this.config.train;
    const lr = learningRateAt({ baseLr: this.config.train.lr, steps: this.config.train.steps, ...this.config.train.schedule }, this.stepsDone);
    const gradients = new Map<string, tf.Tensor>();
    const termSums = new Array<number>(this.terms.length).fill(0);
    let total = 0;
    try {
      for (let micro = 0; micro < accumulate; micro++) {
        // Draw the next micro-batch while this one computes, unless this is the run's last.
        const samples = await this.nextClips(this.stepsDone + 1 < this.config.train.steps || micro + 1 < accumulate);
        const { loss, values } = await this.microBatch(samples, 1 / accumulate, gradients);
        total += loss;
        values.forEach((v, i) => (termSums[i]! += v / accumulate));
      }
      if (!Number.isFinite(total)) {
        throw new InternalError(`training diverged: the loss is ${total} at step ${this.stepsDone + 1} (terms: ${this.termRecord(termSums, JSON.stringify)})`, {
          hint: 'lower train.lr or check the loss weights and the data',
        });
      }
      this.optimizer.apply(this.network.parameters, gradients, lr, this.multipliers);
    } finally {
      tf.dispose([...gradients.values()]);
    }
    this.stepsDone++;
    const milliseconds = performance.now() - started;
    const report: StepReport = {
      step: this.stepsDone,
      lr,
      loss: total,
      terms: this.termRecord(termSums, (v) => v),
      milliseconds,
      imagesPerSecond: (accumulate * batchSize * 1000) / milliseconds,
      liveTensors: this.backend.liveTensors(),
    };
    for (const listener of this.listeners.step) listener(report);
    return report;
  }

  /** Evaluates on `options.evaluation` (undefined without one) and emits the result. */
  async evaluate(): Promise<EvaluationResult | undefined> {
    const data = this.options.evaluation;
    if (!data) return undefined;
    const run = createRunContainer(this.options.container, { ...inheritedRunContext(this.options.container), seed: this.config.seed }, this.progress);
    run.register(TOKENS.labelSpace, { useValue: evaluationLabelSpace(data.dataset, this.network.model.voidClass) });
    const { metrics, flow } = createEvaluationPlugins(run, this.config, this.options.configFile);
    try {
      const result = await evaluate({
        network: this.network,
        dataset: data.dataset,
        metrics,
        ...(flow ? { flow } : {}),
        ...(this.config.eval.inputSize ? { inputSize: this.config.eval.inputSize } : {}),
        progress: this.progress,
      });
      for (const listener of this.listeners.evaluation) listener({ step: this.stepsDone, result });
      return result;
    } finally {
      flow?.dispose?.();
    }
  }

  /** Writes a checkpoint of the current step (once per step) when the run has a folder. */
  async saveCheckpoint(): Promise<string | undefined> {
    if (!this.store || this.lastCheckpointStep === this.stepsDone) return this.lastCheckpointPath;
    const content = await trainingStateContent(this.network, this.optimizer, {
      step: this.stepsDone,
      ...this.feed.state,
      backend: this.backend.name,
      seed: this.config.seed,
    });
    const path = await this.store.save(this.stepsDone, content);
    this.lastCheckpointStep = this.stepsDone;
    this.lastCheckpointPath = path;
    this.progress.log(`checkpoint: ${path}`);
    for (const listener of this.listeners.checkpoint) listener({ step: this.stepsDone, path });
    return path;
  }

  /** Frees the network, optimiser state, loss terms and teacher, after the clip look-ahead in flight ends. */
  async dispose(): Promise<void> {
    await this.feed.close();
    this.optimizer.dispose();
    this.network.dispose();
    for (const { term } of this.terms) term.dispose?.();
    this.flow.dispose();
    await this.teacher?.dispose();
  }

  /** @internal Restores the state of a checkpoint folder, or of the latest one of the run. */
  async resumeFrom(folder: string | undefined): Promise<void> {
    const checkpoint = folder ? await CheckpointStore.load(folder) : await this.store?.loadLatest();
    if (!checkpoint) {
      if (!this.store) throw new ConfigError([{ path: 'resume', message: 'resuming needs a run folder (runDir) or a checkpoint folder' }]);
      this.progress.warn(`resume: no checkpoint in ${this.store.dir}; starting from step 0`);
      return;
    }
    const state = restoreTrainingState(checkpoint, this.network, this.optimizer);
    this.stepsDone = state.step;
    this.feed.restore(state);
    this.lastCheckpointStep = state.step;
    this.lastCheckpointPath = checkpoint.path;
    if (state.backend !== this.backend.name) this.progress.warn(`resume: the checkpoint was written on ${state.backend}, this run uses ${this.backend.name}; losses will differ slightly`);
    this.progress.log(`resumed from ${checkpoint.path} at step ${state.step}`);
  }

  /** @internal Prepares distillation strategies that need it (e.g. the multi-frame ConvLSTM). */
  async prepareDistillers(): Promise<void> {
    for (const { term } of this.terms) {
      const strategy = term as DistillationStrategy<tf.Tensor>;
      if (!strategy.prepare) continue;
      if (!this.teacher) throw new InternalError(`${term.name} needs preparation with a teacher, but none was built`);
      const clipRandom = new SeededRandom(this.config.seed ^ 0x5eed);
      const clips = this.options.clips;
      await strategy.prepare({
        teacher: this.teacher,
        progress: this.progress,
        ...(this.options.runDir ? { cacheDir: join(this.options.runDir, 'cache') } : {}),
        clips: async function* (): AsyncIterable<ClipSample> {
          for (let position = 0; position < clips.size; position++) yield clips.sample(position, clipRandom);
        },
      });
    }
  }

  private async nextClips(lookAhead: boolean): Promise<ClipSample[]> {
    const samples = await this.feed.next(lookAhead);
    for (const { hostLabelCheck: check } of this.terms) {
      if (check) assertHostLabelsInRange(samples, this.network.model.classes.length, check.ignoreLabel ?? this.options.labelSpace.ignoreLabel, check.what);
    }
    return samples;
  }

  /** Forward, losses and gradients of one micro-batch; gradients are added into `gradients`. */
  private async microBatch(samples: readonly ClipSample[], scale: number, gradients: Map<string, tf.Tensor>): Promise<{ loss: number; values: number[] }> {
    const batch = await buildClipBatch(samples, this.needs, this.network.model.preprocessing, this.needs.neighbours ? this.flow.get : undefined);
    let teacherOutputs: NetworkOutputs<tf.Tensor>[] | undefined;
    let kept: tf.Scalar[] = [];
    try {
      teacherOutputs = this.teacher ? await this.teacherOutputs(batch) : undefined;
      const parameters = [...this.network.parameters.values()];
      // Frees the backward pass's gradients and saved activations as it goes (tf.variableGrads keeps
      // them all until it ends, which at 512x1024 overflows the wasm heap).
      const { value, grads } = releasingVariableGrads(() => {
        const student = batch.images.map((image) => this.network.forward(image, 'train'));
        const { total, values } = weightedObjective(
          this.terms,
          {
            target: batch.target,
            images: batch.images,
            student,
            ...(teacherOutputs ? { teacher: teacherOutputs } : {}),
            ...(batch.labels ? { labels: batch.labels } : {}),
            ...(batch.flows ? { flows: batch.flows } : {}),
            ...(batch.backwardFlows ? { backwardFlows: batch.backwardFlows } : {}),
          },
          scale,
        );
        kept = values;
        return total;
      }, parameters);
      for (const [name, variable] of this.network.parameters) {
        const grad = grads[variable.name];
        if (!grad) continue;
        const sum = gradients.get(name);
        if (sum) {
          gradients.set(name, tf.add(sum, grad));
          tf.dispose([sum, grad]);
        } else gradients.set(name, grad);
      }
      // One read for the loss and every term: each read waits for the device (a GPU round trip).
      const scalars = tf.stack([value, ...kept]);
      value.dispose();
      const [loss, ...values] = Array.from(await scalars.data());
      scalars.dispose();
      return { loss: loss!, values };
    } finally {
      tf.dispose(kept);
      disposeClipBatch(batch);
      for (const outputs of teacherOutputs ?? []) tf.dispose(Object.values(outputs).filter((t): t is tf.Tensor => !!t));
    }
  }

  private async teacherOutputs(batch: ClipBatch): Promise<NetworkOutputs<tf.Tensor>[]> {
    const outputs: NetworkOutputs<tf.Tensor>[] = [];
    for (const frames of batch.frames) {
      const predicted = await this.teacher!.predict(frames, { features: this.needs.features });
      outputs.push(this.teacherChannels ? selectTeacherClasses(predicted, this.teacherChannels) : predicted);
    }
    return outputs;
  }

  private termRecord<V>(values: readonly number[], format: (v: number) => V): Record<string, V> {
    return Object.fromEntries(this.terms.map((t, i) => [`${t.path}:${t.term.name}`, format(values[i]!)]));
  }
}
