import type { ImageFrame } from '../types/image-frame.js';
import type { NetworkOutputs } from './network-outputs.js';

/**
 * A frozen network whose outputs guide the student. The teacher owns its preprocessing: it takes
 * the same (augmented) 8-bit frames as the student and returns outputs in the engine's tensor type.
 *
 * @typeParam T - the engine's tensor type.
 */
export interface Teacher<T> {
  readonly name: string;
  /** Class names in output-channel order. */
  readonly classes: readonly string[];
  /** Outputs for a batch of frames of equal size. */
  predict(frames: readonly ImageFrame[], options?: { features?: boolean }): Promise<NetworkOutputs<T>>;
  /** Frees what the teacher holds (sessions, weights). */
  dispose(): Promise<void> | void;
}
