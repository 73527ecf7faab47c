import * as tf from '@tensorflow/tfjs-core';
import {
  DataError,
  type HostTensor,
  SeededRandom,
  UsageError,
  type ModelHandle,
  type NamedTensors,
  type NetworkMode,
  type NetworkOutputs,
  type TrainableNetwork,
} from '@vidseg/core';
import type { Graph, GraphNode, ParamRole } from '@vidseg/models';
import type { OpContext } from '../ops/op-context.js';
import { linearCombination } from '../ops/linear-combination.js';
import { ScalarCache } from '../ops/scalar-cache.js';
import { planEvalFusion, type EvalFusionPlan } from './eval-fusion.js';
import { runGraph } from './graph-interpreter.js';
import { engineLayouts, toEngineLayout, toTorchLayout, type EngineLayout } from './weight-layout.js';

/**
 * A graph from `@vidseg/models` instantiated on TensorFlow.js: NHWC activations, parameters as
 * tf.Variables converted once to tfjs layouts (conv HWIO, depthwise [kh, kw, C, m], transposed
 * [kh, kw, out, in]); {@link snapshot} and {@link load} speak PyTorch layout.
 *
 * Eval mode runs each conv [-> batch norm] [-> activation] chain as one fused kernel with the batch
 * norm folded in. Train mode normalises with batch statistics and updates the BatchNorm running averages in place
 * at every forward call (PyTorch convention: running = (1 - momentum) * running + momentum * batch,
 * with the unbiased batch variance), and draws dropout masks from a seeded stream.
 */
export class TfjsNetwork implements TrainableNetwork<tf.Tensor> {
  readonly model: ModelHandle<Graph>;
  /** Trainable parameters by PyTorch name, in engine layout. */
  readonly parameters: ReadonlyMap<string, tf.Variable>;
  /** Learning-rate group of each trainable parameter (`backbone`, `head`, ...). */
  readonly groups: ReadonlyMap<string, string>;
  private readonly variables = new Map<string, tf.Variable>();
  private readonly layouts: Map<string, EngineLayout>;
  private readonly fusion: EvalFusionPlan;
  private dropoutRandom: SeededRandom;
  private readonly frozenNormalization: boolean;
  private disposed = false;

  /**
   * @param weights - every parameter of the graph in PyTorch layout (see `initializeParameters`
   *   and `loadWeights` of `@vidseg/models`).
   * @param options.seed - seeds the dropout stream.
   * @param options.trainable - false for frozen networks (teachers): no parameter is trainable.
   * @param options.frozenNormalization - batch norms use and keep their running averages in train mode too (fine-tuning).
   */
  constructor(model: ModelHandle<Graph>, weights: NamedTensors, options: { seed: number; trainable?: boolean; frozenNormalization?: boolean }) {
    this.model = model;
    this.layouts = engineLayouts(model.graph);
    this.fusion = planEvalFusion(model.graph);
    this.dropoutRandom = new SeededRandom(options.seed);
    this.frozenNormalization = options.frozenNormalization ?? false;
    const trainable = new Map<string, tf.Variable>();
    const groups = new Map<string, string>();
    try {
      for (const spec of model.graph.params) {
        const host = weights.get(spec.name);
        if (!host) throw new DataError(`model "${model.name}": no value for parameter "${spec.name}"`);
        const variable = tf.variable(this.engineTensor(spec.name, host), options.trainable !== false && spec.trainable);
        this.variables.set(spec.name, variable);
        if (variable.trainable) {
          trainable.set(spec.name, variable);
          groups.set(spec.name, spec.group);
        }
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
    this.parameters = trainable;
    this.groups = groups;
  }

  /** Runs the network on a preprocessed NHWC batch; outputs are NHWC. */
  forward(input: tf.Tensor, mode: NetworkMode): NetworkOutputs<tf.Tensor> {
    const graphInput = this.model.graph.inputs[0]!;
    const outputs = this.run({ [graphInput.name]: input as tf.Tensor4D }, mode);
    const { logits, features, auxLogits } = outputs;
    if (!logits) throw new UsageError(`model "${this.model.name}" has no "logits" output (outputs: ${Object.keys(outputs).join(', ')})`);
    return { logits, ...(features ? { features } : {}), ...(auxLogits ? { auxLogits } : {}) };
  }

  /** Runs the graph on named NHWC inputs and returns every output role (for graphs like the ConvLSTM cell). */
  run(inputs: Readonly<Record<string, tf.Tensor4D>>, mode: NetworkMode): Record<string, tf.Tensor4D> {
    this.assertAlive();
    const scalars = new ScalarCache();
    try {
      return tf.tidy(() => runGraph(this.model.graph, inputs, this.context(mode, scalars), this.fusion));
    } finally {
      scalars.dispose();
    }
  }

  /** Every variable (trainable or not) by PyTorch name, in engine layout. */
  get allVariables(): ReadonlyMap<string, tf.Variable> {
    return this.variables;
  }

  /** The state of the dropout stream, for checkpoints. */
  getRandomState(): number[] {
    return this.dropoutRandom.getState();
  }

  /** Continues the dropout stream from a saved state. */
  setRandomState(state: readonly number[]): void {
    this.dropoutRandom = SeededRandom.fromState(state);
  }

  async snapshot(): Promise<NamedTensors> {
    this.assertAlive();
    const tensors: NamedTensors = new Map();
    for (const [name, variable] of this.variables) {
      const layout = this.layouts.get(name)!;
      const data = toTorchLayout((await variable.data()) as Float32Array, layout);
      tensors.set(name, { dtype: 'F32', shape: [...layout.torchShape], data });
    }
    return tensors;
  }

  load(tensors: NamedTensors): void {
    this.assertAlive();
    const unknown = [...tensors.keys()].filter((name) => !this.variables.has(name));
    if (unknown.length > 0) throw new DataError(`model "${this.model.name}" has no parameter(s) ${unknown.join(', ')}`);
    const converted = [...tensors].map(([name, host]) => [name, this.engineTensor(name, host)] as const);
    for (const [name, value] of converted) {
      this.variables.get(name)!.assign(value);
      value.dispose();
    }
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
    this.disposed = true;
  }

  private engineTensor(name: string, host: HostTensor): tf.Tensor {
    const layout = this.layouts.get(name)!;
    const same = host.shape.length === layout.torchShape.length && host.shape.every((d, i) => d === layout.torchShape[i]);
    if (host.dtype !== 'F32' || !same) {
      throw new DataError(
        `model "${this.model.name}": tensor "${name}" is ${host.dtype} [${host.shape.join(', ')}], expected F32 [${layout.torchShape.join(', ')}]`,
      );
    }
    return tf.tensor(toEngineLayout(host, layout), [...layout.engineShape], 'float32');
  }

  /** The ops' view of this network for one run; `scalars` holds the run's constants (running-average factors). */
  private context(mode: NetworkMode, scalars: ScalarCache): OpContext {
    return {
      mode,
      frozenNormalization: this.frozenNormalization,
      param: (node: GraphNode, role: ParamRole) => {
        const name = node.params[role];
        const variable = name === undefined ? undefined : this.variables.get(name);
        if (!variable) throw new UsageError(`node "${node.name}" has no ${role} parameter`);
        return variable;
      },
      recordBatchStatistics: (node, mean, variance, count) => this.updateRunningAverages(node, mean, variance, count, scalars),
      nextDropoutSeed: () => this.dropoutRandom.nextUint32(),
    };
  }

  private updateRunningAverages(node: GraphNode, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number, scalars: ScalarCache): void {
    if (node.spec.op !== 'batchNorm') return;
    const momentum = node.spec.momentum;
    const runningMean = this.variables.get(node.params.runningMean!)!;
    const runningVar = this.variables.get(node.params.runningVar!)!;
    const unbiased = count > 1 ? count / (count - 1) : 1;
    tf.tidy(() => {
      runningMean.assign(linearCombination([[runningMean, 1 - momentum], [mean, momentum]], scalars));
      runningVar.assign(linearCombination([[runningVar, 1 - momentum], [variance, momentum * unbiased]], scalars));
    });
  }

  private assertAlive(): void {
    if (this.disposed) throw new UsageError(`model "${this.model.name}": the network was disposed`);
  }
}
