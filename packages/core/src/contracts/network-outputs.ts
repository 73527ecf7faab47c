/**
 * What a segmentation network returns for a batch, in the engine's tensor type `T`.
 * backend-tfjs uses NHWC float32 tensors.
 */
export interface NetworkOutputs<T> {
  /** Class scores before softmax. */
  readonly logits: T;
  /** Feature map for feature-based distillation, when the model was built with it. */
  readonly features?: T;
  /** Auxiliary head logits, when the model was built with one. */
  readonly auxLogits?: T;
}
