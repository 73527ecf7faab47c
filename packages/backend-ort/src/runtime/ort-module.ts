import type * as OrtWeb from 'onnxruntime-web';

/**
 * The part of the onnxruntime JavaScript API vidseg uses. onnxruntime-web and onnxruntime-node
 * both provide it (they share onnxruntime-common).
 */
export type OrtModule = Pick<typeof OrtWeb, 'InferenceSession' | 'Tensor' | 'env'>;

/** An onnxruntime inference session (web or node). */
export type OrtInferenceSession = OrtWeb.InferenceSession;

/** Session options of onnxruntime (web or node). */
export type OrtSessionOptions = OrtWeb.InferenceSession.SessionOptions;

/** An onnxruntime tensor. */
export type OrtTensor = OrtWeb.Tensor;
