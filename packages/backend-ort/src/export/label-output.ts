import type { CoordinateMode } from '@vidseg/models';
import { intAttribute } from '../onnx/onnx-attribute.js';
import type { OnnxGraphWriter } from '../onnx/onnx-graph-writer.js';
import { onnxSchema } from '../onnx/onnx-schema.js';
import { resizeBilinear } from './lower-resize.js';

const DataType = onnxSchema.TensorProto.DataType;

/** How the logits reach the input's resolution before argmax and softmax. */
export interface LogitsUpsampling {
  /** int64 [height, width] of the input (a constant or read from the input's shape). */
  readonly sizes: string;
  readonly mode: CoordinateMode;
}

/** The in-graph postprocessing: per-pixel labels and class probabilities from the logits. */
export interface LabelOutputs {
  /** Name for the uint8 label map [N, H, W] (argmax over classes), when wanted. */
  readonly labels?: string;
  /** Name for the softmax probabilities [N, K, H, W], when wanted. */
  readonly probabilities?: string;
}

/**
 * Adds the postprocessing nodes after `logits`: a bilinear resize to the input size when the
 * logits are smaller (`upsampling`), then ArgMax over the classes cast to uint8, and Softmax.
 */
export function addLabelOutputs(writer: OnnxGraphWriter, logits: string, outputs: LabelOutputs, upsampling: LogitsUpsampling | undefined): void {
  const scores = upsampling ? resizeBilinear(writer, logits, upsampling.sizes, upsampling.mode, 'postprocess/upsample') : logits;
  if (outputs.labels) {
    const indices = writer.node('ArgMax', [scores], [intAttribute('axis', 1), intAttribute('keepdims', 0)], 'postprocess/argmax');
    writer.node('Cast', [indices], [intAttribute('to', DataType.UINT8)], 'postprocess/labels', outputs.labels);
  }
  if (outputs.probabilities) {
    writer.node('Softmax', [scores], [intAttribute('axis', 1)], 'postprocess/softmax', outputs.probabilities);
  }
}
