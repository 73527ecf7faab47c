import type * as tf from '@tensorflow/tfjs-core';
import type { NetworkMode } from '@vidseg/core';
import type { GraphNode, ParamRole } from '@vidseg/models';

/** What an op implementation may use besides its inputs. */
export interface OpContext {
  readonly mode: NetworkMode;
  /** Batch norms normalise with their running averages in train mode too, and leave them as they are. */
  readonly frozenNormalization: boolean;
  /** The node's parameter of `role`, in engine layout (see `weight-layout.ts`). */
  param(node: GraphNode, role: ParamRole): tf.Tensor;
  /**
   * Train mode only: receives a batch-norm node's batch mean and biased variance (per channel)
   * and the number of values each was computed over, to update the running averages.
   */
  recordBatchStatistics(node: GraphNode, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number): void;
  /** A fresh seed for a dropout mask (train mode). */
  nextDropoutSeed(): number;
}

/** An op on NHWC tensors. */
export type OpImplementation = (node: GraphNode, inputs: readonly tf.Tensor4D[], context: OpContext) => tf.Tensor4D;

