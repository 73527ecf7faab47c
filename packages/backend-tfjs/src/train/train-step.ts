import * as tf from '@tensorflow/tfjs-core';
import { InternalError, type ClipSample, type LabelSpace, type LossInputs, type NetworkOutputs, type StepReport, type Teacher, type VidsegConfig } from '@vidseg/core';
import { releasingVariableGrads } from '@vidseg/tfjs-ops';
import type { TfjsNetwork } from '../network/tfjs-network.js';
import { buildClipBatch, disposeClipBatch, type ClipBatch } from './clip-batch.js';
import { clipGradientsByGlobalNorm } from './clip-gradients.js';
import type { ClipFeed } from './clip-feed.js';
import { assertHostLabelsInRange } from './host-label-check.js';
import type { LazyFlow } from './lazy-flow.js';
import { combinedRequirements, termValues, weightedObjective, type WeightedTerm } from './loss-objective.js';
import { learningRateAt } from './poly-schedule.js';
import type { SgdOptimizer } from './sgd-optimizer.js';

/** What one optimiser step works with; built once per run by {@link buildTrainingRun}. */
export interface TrainStepParts {
  readonly train: VidsegConfig['train'];
  readonly network: TfjsNetwork;
  readonly optimizer: SgdOptimizer;
  readonly terms: readonly WeightedTerm[];
  /** The teacher, its logits already in the student's classes. */
  readonly teacher: Teacher<tf.Tensor> | undefined;
  readonly feed: ClipFeed;
  /** Unlabelled clips (`data.unlabelled`), for the terms that need no labels. */
  readonly unlabelledFeed?: ClipFeed;
  readonly flow: LazyFlow;
  readonly multipliers: ReadonlyMap<string, number>;
  readonly labelSpace: LabelSpace;
  /** Engine tensors alive now (for {@link StepReport.liveTensors}). */
  readonly liveTensors: () => number;
}

/** Micro-batch clips: labelled ones for every term, unlabelled ones for the label-free terms. */
interface MicroBatchClips {
  readonly labelled: readonly ClipSample[];
  readonly unlabelled?: readonly ClipSample[];
}

/**
 * One optimiser step and nothing else: `train.accumulate` micro-batches of `train.batchSize` clips
 * (forward, weighted losses, gradients summed), then SGD with the poly learning rate of the step.
 * With unlabelled clips, each micro-batch also runs them through the terms that need no labels
 * (`requires.labels` unset): such a term's value is its mean over the labelled and unlabelled
 * clips, weighted by their counts; a term that needs labels never sees an unlabelled clip.
 */
export class TrainStep {
  private readonly needs: ReturnType<typeof combinedRequirements>;
  /** Indexes (into `terms`) of the terms that need no labels. */
  private readonly labelFree: readonly number[];
  private readonly labelFreeNeeds: ReturnType<typeof combinedRequirements>;

  constructor(private readonly parts: TrainStepParts) {
    this.needs = combinedRequirements(parts.terms);
    this.labelFree = parts.terms.flatMap((t, i) => (t.term.requires.labels ? [] : [i]));
    this.labelFreeNeeds = combinedRequirements(this.labelFree.map((i) => parts.terms[i]!));
  }

  /** Runs the step after `stepsDone` steps and reports it (its `step` is `stepsDone + 1`). */
  async run(stepsDone: number): Promise<StepReport> {
    const started = performance.now();
    const { train, network, optimizer, multipliers } = this.parts;
    const lr = learningRateAt({ baseLr: train.lr, steps: train.steps, ...train.schedule }, stepsDone);
    const gradients = new Map<string, tf.Tensor>();
    const termSums = new Array<number>(this.parts.terms.length).fill(0);
    let total = 0;
    let gradientNorm: number | undefined;
    try {
      for (let micro = 0; micro < train.accumulate; micro++) {
        // Draw the next micro-batch while this one computes, unless this is the run's last.
        const clips = await this.nextClips(stepsDone + 1 < train.steps || micro + 1 < train.accumulate);
        const { loss, values } = await this.microBatch(clips, 1 / train.accumulate, gradients);
        total += loss;
        values.forEach((v, i) => (termSums[i]! += v / train.accumulate));
      }
      if (!Number.isFinite(total)) {
        throw new InternalError(`training diverged: the loss is ${total} at step ${stepsDone + 1} (terms: ${JSON.stringify(this.termRecord(termSums))})`, {
          hint: 'lower train.lr or check the loss weights and the data',
        });
      }
      if (train.clipGradNorm !== undefined) gradientNorm = await clipGradientsByGlobalNorm(gradients, train.clipGradNorm);
      optimizer.apply(network.parameters, gradients, lr, multipliers);
    } finally {
      tf.dispose([...gradients.values()]);
    }
    const milliseconds = performance.now() - started;
    return {
      step: stepsDone + 1,
      lr,
      loss: total,
      terms: this.termRecord(termSums),
      milliseconds,
      imagesPerSecond: (train.accumulate * train.batchSize * 1000) / milliseconds,
      liveTensors: this.parts.liveTensors(),
      ...(gradientNorm === undefined ? {} : { gradientNorm }),
    };
  }

  private async nextClips(lookAhead: boolean): Promise<MicroBatchClips> {
    const labelled = await this.parts.feed.next(lookAhead);
    for (const { hostLabelCheck: check } of this.parts.terms) {
      if (check) assertHostLabelsInRange(labelled, this.parts.network.model.classes.length, check.ignoreLabel ?? this.parts.labelSpace.ignoreLabel, check.what);
    }
    const unlabelled = await this.parts.unlabelledFeed?.next(lookAhead);
    return { labelled, ...(unlabelled ? { unlabelled } : {}) };
  }

  /** Forward, losses and gradients of one micro-batch; gradients are added into `gradients`. */
  private async microBatch(clips: MicroBatchClips, scale: number, gradients: Map<string, tf.Tensor>): Promise<{ loss: number; values: number[] }> {
    const { network, terms, flow } = this.parts;
    const batches: ClipBatch[] = [];
    const teacherOutputs: (NetworkOutputs<tf.Tensor>[] | undefined)[] = [];
    let kept: tf.Scalar[] = [];
    try {
      batches.push(await buildClipBatch(clips.labelled, this.needs, network.model.preprocessing, this.needs.neighbours ? flow.get : undefined));
      if (clips.unlabelled) batches.push(await buildClipBatch(clips.unlabelled, this.labelFreeNeeds, network.model.preprocessing, flow.get));
      for (const batch of batches) teacherOutputs.push(await this.teacherOutputs(batch));
      // Frees the backward pass's gradients and saved activations as it goes (tf.variableGrads keeps
      // them all until it ends, which at 512x1024 overflows the wasm heap).
      const { value, grads } = releasingVariableGrads(() => {
        const forward = (batch: ClipBatch) => batch.images.map((image) => network.forward(image, 'train'));
        let values = termValues(terms, lossInputs(batches[0]!, forward(batches[0]!), teacherOutputs[0]));
        if (batches[1]) {
          const labelFreeTerms = this.labelFree.map((i) => terms[i]!);
          const extra = termValues(labelFreeTerms, lossInputs(batches[1], forward(batches[1]), teacherOutputs[1]));
          values = mixByClipCount(values, this.labelFree, extra, clips.labelled.length, clips.unlabelled!.length);
        }
        const objective = weightedObjective(terms, values, scale);
        kept = objective.values;
        return objective.total;
      }, [...network.parameters.values()]);
      for (const [name, variable] of network.parameters) {
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
      batches.forEach(disposeClipBatch);
      for (const outputs of teacherOutputs.flatMap((o) => o ?? [])) tf.dispose(Object.values(outputs).filter((t): t is tf.Tensor => !!t));
    }
  }

  private async teacherOutputs(batch: ClipBatch): Promise<NetworkOutputs<tf.Tensor>[] | undefined> {
    const { teacher } = this.parts;
    if (!teacher) return undefined;
    const outputs: NetworkOutputs<tf.Tensor>[] = [];
    for (const frames of batch.frames) outputs.push(await teacher.predict(frames, { features: this.needs.features }));
    return outputs;
  }

  private termRecord(values: readonly number[]): Record<string, number> {
    return Object.fromEntries(this.parts.terms.map((t, i) => [`${t.path}:${t.term.name}`, values[i]!]));
  }
}

/** The loss terms' inputs for a batch: the student's outputs and, when computed, the teacher's. */
function lossInputs(batch: ClipBatch, student: NetworkOutputs<tf.Tensor>[], teacher: NetworkOutputs<tf.Tensor>[] | undefined): LossInputs<tf.Tensor> {
  return {
    target: batch.target,
    images: batch.images,
    student,
    ...(teacher ? { teacher } : {}),
    ...(batch.labels ? { labels: batch.labels } : {}),
    ...(batch.flows ? { flows: batch.flows } : {}),
    ...(batch.backwardFlows ? { backwardFlows: batch.backwardFlows } : {}),
  };
}

/**
 * Each term's value over all the clips it saw: at `indexes`, the mean of the labelled value (over
 * `labelledClips`) and the unlabelled one in `extra` (over `unlabelledClips`), weighted by count.
 */
function mixByClipCount(values: readonly tf.Scalar[], indexes: readonly number[], extra: readonly tf.Scalar[], labelledClips: number, unlabelledClips: number): tf.Scalar[] {
  const mixed = [...values];
  const total = labelledClips + unlabelledClips;
  indexes.forEach((termIndex, j) => {
    mixed[termIndex] = tf.add(tf.mul(values[termIndex]!, labelledClips / total), tf.mul(extra[j]!, unlabelledClips / total)) as tf.Scalar;
  });
  return mixed;
}
