import * as tf from '@tensorflow/tfjs-core';
import { engineTapeInternals, nodesFromXsToY, type EngineTapeInternals, type TapeNode } from './engine-tape.js';

/** The result of {@link releasingVariableGrads}: the same shape as `tf.variableGrads`'s. */
export interface VariableGradients {
  value: tf.Scalar;
  /** Gradient per variable name; variables `f` does not depend on are absent. */
  grads: tf.NamedTensorMap;
}

/**
 * `tf.variableGrads(f, variables)` with the backward pass's memory released as it goes: each
 * intermediate gradient is disposed once the node that produced its tensor has been differentiated,
 * and each node's saved tensors once its own gradient has run. tfjs-core 4.22.0 keeps all of them
 * until the whole backward pass ends, which at 512x1024 holds every activation's gradient next to
 * every saved activation and no longer fits the wasm heap.
 *
 * Same values as `tf.variableGrads` (the same gradient functions in the same order). Falls back to
 * `tf.variableGrads` inside another gradient computation (higher-order gradients need the tape
 * whole) and on a tfjs-core whose engine lacks the internals this walks.
 */
export function releasingVariableGrads(f: () => tf.Scalar, variables: readonly tf.Variable[]): VariableGradients {
  const trainable = variables.filter((v) => v.trainable);
  if (trainable.length === 0) throw new Error(`releasingVariableGrads: none of the ${variables.length} variables is trainable`);
  const engine = engineTapeInternals();
  if (!engine || engine.state.gradientDepth !== 0) return tf.variableGrads(f, [...variables]) as VariableGradients;

  try {
    const value = engine.scopedRun(
      () => engine.startTape(),
      () => engine.endTape(),
      () => engine.tidy('forward', f),
    );
    if (!(value instanceof tf.Tensor) || value.rank !== 0) {
      tf.dispose(value);
      throw new Error(`releasingVariableGrads: f must return a scalar tensor, got ${value instanceof tf.Tensor ? `shape [${value.shape.join(', ')}]` : typeof value}`);
    }
    const tape = engine.state.activeTape ?? [];
    const nodes = nodesFromXsToY(tape, trainable, value);
    const onPath = new Set(nodes.map((node) => node.id));
    // Saved tensors of nodes off the path are never read.
    for (const node of tape) if (!onPath.has(node.id)) tf.dispose(node.saved ?? []);
    const grads = engine.tidy('backward', () => backward(engine, nodes, value, trainable));
    if (Object.keys(grads).length === 0) {
      value.dispose();
      throw new Error('releasingVariableGrads: the result of f does not depend on any of the variables; make sure every op that reads them runs inside f');
    }
    return { value, grads };
  } finally {
    // Also after a throw: the tape's saved tensors are kept, so nothing else would free them.
    for (const node of engine.state.activeTape ?? []) tf.dispose(node.saved ?? []);
    engine.state.activeTape = null;
  }
}

/** Walks `nodes` backwards from `y`, releasing what is no longer needed; returns the variables' gradients. */
function backward(engine: EngineTapeInternals, nodes: readonly TapeNode[], y: tf.Tensor, variables: readonly tf.Variable[]): tf.NamedTensorMap {
  const gradients = new GradientTable();
  gradients.add(y, tf.onesLike(y));
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!node.gradient) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
    const thunks = node.gradient(node.outputs.map((output) => gradients.of(output)));
    for (const [inputName, input] of Object.entries(node.inputs)) {
      const thunk = thunks[inputName];
      if (!thunk) throw new Error(`Cannot backprop through input ${inputName} of ${node.kernelName}. Available gradients: ${Object.keys(thunks).join(', ')}.`);
      const dx = engine.tidy(node.kernelName, thunk);
      if (dx.dtype !== 'float32') throw new Error(`Gradient of input '${inputName}' of ${node.kernelName} has dtype ${dx.dtype}; it must be float32`);
      if (!tf.util.arraysEqual(dx.shape, input.shape)) {
        throw new Error(`Gradient of input '${inputName}' of ${node.kernelName} has shape [${dx.shape.join(', ')}], its input [${input.shape.join(', ')}]`);
      }
      gradients.add(input, dx);
    }
    for (const output of node.outputs) gradients.release(output);
    // A saved tensor a gradient handed back as its result is still held by the table.
    tf.dispose((node.saved ?? []).filter((saved) => !gradients.holds(saved)));
  }
  return Object.fromEntries(variables.flatMap((v) => {
    const grad = gradients.of(v);
    return grad ? [[v.name, grad]] : [];
  }));
}

/**
 * Gradient per tensor id. A gradient function may hand back its incoming gradient object itself
 * (identity-like ops), so one tensor object can be the gradient of several ids: it is disposed
 * when the last of them lets go.
 */
class GradientTable {
  private readonly byId = new Map<number, tf.Tensor>();
  private readonly holders = new Map<tf.Tensor, number>();

  of(tensor: tf.Tensor): tf.Tensor | null {
    return this.byId.get(tensor.id) ?? null;
  }

  holds(gradient: tf.Tensor): boolean {
    return this.holders.has(gradient);
  }

  /** Accumulates `gradient` into `tensor`'s (taking ownership of it). */
  add(tensor: tf.Tensor, gradient: tf.Tensor): void {
    const current = this.byId.get(tensor.id);
    if (current) {
      this.set(tensor.id, tf.add(current, gradient));
      this.drop(current);
      if (!this.holders.has(gradient)) gradient.dispose();
    } else this.set(tensor.id, gradient);
  }

  /** Forgets `tensor`'s gradient, disposing it if no other id holds it. */
  release(tensor: tf.Tensor): void {
    const gradient = this.byId.get(tensor.id);
    if (!gradient) return;
    this.byId.delete(tensor.id);
    this.drop(gradient);
  }

  private set(id: number, gradient: tf.Tensor): void {
    this.byId.set(id, gradient);
    this.holders.set(gradient, (this.holders.get(gradient) ?? 0) + 1);
  }

  private drop(gradient: tf.Tensor): void {
    const count = this.holders.get(gradient)! - 1;
    if (count > 0) this.holders.set(gradient, count);
    else {
      this.holders.delete(gradient);
      gradient.dispose();
    }
  }
}
