import * as tf from '@tensorflow/tfjs-core';

/** One recorded kernel call on tfjs's gradient tape (tfjs-core's internal `TapeNode`). */
export interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  /** Returns a thunk per input name; null dys are filled with zeros by tfjs. */
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  /** Tensors the gradient reads: clones tfjs keeps (`kept`) until the tape is dropped. */
  saved?: tf.Tensor[];
}

/** The part of tfjs-core's `Engine` (4.22.0) that recording and walking the tape uses; not in tfjs's typed API. */
export interface EngineTapeInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  startTape(): void;
  endTape(): void;
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  tidy<T extends tf.TensorContainer>(name: string, f: () => T): T;
}

/** tfjs's engine seen through {@link EngineTapeInternals}, or null when this tfjs-core lacks any of them. */
export function engineTapeInternals(): EngineTapeInternals | null {
  const engine = tf.engine() as unknown as Partial<EngineTapeInternals>;
  const methods = [engine.startTape, engine.endTape, engine.scopedRun, engine.tidy];
  if (methods.some((m) => typeof m !== 'function') || typeof engine.state?.gradientDepth !== 'number') return null;
  return engine as EngineTapeInternals;
}

/**
 * The nodes of `tape` on a path from one of `xs` to `y`, in tape order, each with its inputs
 * narrowed to those that depend on an x (the others need no gradient). The same selection as
 * tfjs-core's own backward pass makes.
 */
export function nodesFromXsToY(tape: readonly TapeNode[], xs: readonly tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const dependsOnX = new Set(xs.map((x) => x.id));
  const reachedFromX = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((input) => dependsOnX.has(input.id))) {
      reachedFromX.add(node.id);
      for (const output of node.outputs) dependsOnX.add(output.id);
    }
  }
  const leadsToY = new Set([y.id]);
  const reachesY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    if (node.outputs.some((output) => leadsToY.has(output.id))) {
      reachesY.add(node.id);
      for (const input of Object.values(node.inputs)) leadsToY.add(input.id);
    }
  }
  return tape
    .filter((node) => reachedFromX.has(node.id) && reachesY.has(node.id))
    .map((node) => ({ ...node, inputs: Object.fromEntries(Object.entries(node.inputs).filter(([, input]) => dependsOnX.has(input.id))) }));
}
