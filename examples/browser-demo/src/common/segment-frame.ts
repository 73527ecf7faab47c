import { DataError, type ImageFrame, type InferenceSession, type LabelMap, type RuntimeTensor } from '@vidseg/core';
import type { ExportedInput } from '@vidseg/backend-ort';

/** The uint8 NHWC feed of a model exported with an `image-rgb` or `image-rgba` input, from an RGBA or RGB frame. */
function imageFeed(frame: ImageFrame, input: ExportedInput, source: string): RuntimeTensor {
  if (input.format === 'tensor') {
    throw new DataError(`${source}: the model takes a float tensor; the demo feeds uint8 images`, {
      hint: 'export it with in-graph preprocessing (export option image: "rgba" or "rgb", the CLI default)',
    });
  }
  const channels = input.format === 'image-rgba' ? 4 : 3;
  const dims = [1, frame.height, frame.width, channels];
  const bytes = new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.length);
  if (frame.channels === channels) return { type: 'uint8', dims, data: bytes };
  const out = new Uint8Array(frame.width * frame.height * channels);
  for (let p = 0; p < frame.width * frame.height; p++) {
    for (let c = 0; c < 3; c++) out[channels * p + c] = bytes[frame.channels * p + c]!;
    if (channels === 4) out[4 * p + 3] = 255;
  }
  return { type: 'uint8', dims, data: out };
}

/**
 * Runs a vidseg-exported model on one frame and returns its `labels` output (the in-graph argmax)
 * as a label map. A model without a uint8 `labels` output is a {@link DataError} naming `source`.
 */
export async function segmentFrame(session: InferenceSession, input: ExportedInput, frame: ImageFrame, source: string): Promise<LabelMap> {
  if (!session.outputNames.includes('labels')) {
    throw new DataError(`${source}: the model has no "labels" output (outputs: ${session.outputNames.join(', ')})`, {
      hint: 'export it with the label output (export option outputs: ["labels"], the CLI postprocess "argmax")',
    });
  }
  const outputs = await session.run({ [input.name]: imageFeed(frame, input, source) }, ['labels']);
  const labels = outputs.labels!;
  if (labels.type !== 'uint8' || labels.dims[1] !== frame.height || labels.dims[2] !== frame.width) {
    throw new DataError(`${source}: output "labels" is ${labels.type} [${labels.dims.join(', ')}]; expected uint8 [1, ${frame.height}, ${frame.width}]`);
  }
  return { width: frame.width, height: frame.height, data: labels.data as Uint8Array };
}
