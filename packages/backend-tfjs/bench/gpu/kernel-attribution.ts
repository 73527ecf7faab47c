// Names the tfjs kernel behind each WebGPU dispatch: the outermost kernel running when the dispatch
// is made (a fused kernel or an op that composes others counts as one), or `grad <Kernel>` while a
// gradient recorded on the tape runs (registered and custom gradients: `grad customGrad (<scope>)`). The sums
// that accumulate gradients between tape nodes run outside both, under their own kernel (Add).
import * as tf from '@tensorflow/tfjs-core';

interface TapeNode {
  readonly kernelName: string;
  gradient?: (dys: tf.Tensor[]) => Record<string, () => tf.Tensor>;
}

interface InspectableEngine {
  runKernelFunc(params: { kernelName?: string }): unknown;
  addTapeNode(...args: unknown[]): void;
  state: { activeTape: TapeNode[] | null };
}

/** Wraps the engine's kernel runs and tape nodes to keep a stack of labels; {@link restore} undoes it. */
export class KernelAttribution {
  private readonly labels: string[] = [];
  private readonly engine = tf.engine() as unknown as InspectableEngine;
  private readonly original: Pick<InspectableEngine, 'runKernelFunc' | 'addTapeNode'>;

  constructor() {
    const engine = this.engine;
    const original = { runKernelFunc: engine.runKernelFunc, addTapeNode: engine.addTapeNode };
    this.original = original;
    engine.runKernelFunc = (params) => this.within(params.kernelName ?? 'customGrad', () => original.runKernelFunc.call(engine, params));
    engine.addTapeNode = (...args) => {
      original.addTapeNode.apply(engine, args);
      const node = engine.state.activeTape?.at(-1);
      const gradient = node?.gradient;
      if (!node || !gradient) return;
      // Custom gradients are recorded under their scope's name.
      const label = tf.getGradient(node.kernelName) ? `grad ${node.kernelName}` : `grad customGrad (${node.kernelName})`;
      node.gradient = (dys) =>
        this.within(label, () => Object.fromEntries(Object.entries(gradient(dys)).map(([input, f]) => [input, () => this.within(label, f)])));
    };
  }

  /** The label of the dispatches made now. */
  current(): string {
    return this.labels[0] ?? '(outside kernels)';
  }

  restore(): void {
    Object.assign(this.engine, this.original);
  }

  private within<T>(label: string, run: () => T): T {
    this.labels.push(label);
    try {
      return run();
    } finally {
      this.labels.pop();
    }
  }
}
