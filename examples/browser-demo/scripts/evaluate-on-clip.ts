import { OrtWebRuntime, readOnnxModel } from '@vidseg/backend-ort';
import { CAMVID_PALETTE, type LabelMap } from '@vidseg/core';
import { VideoMeters } from '../src/common/video-meters.js';
import { segmentFrame } from '../src/common/segment-frame.js';
import type { RenderedClip } from './render-demo-clip.js';

/** A model's figures on a rendered clip, and its predictions. */
export interface ClipEvaluation {
  readonly miou: number;
  readonly tc: number;
  readonly flowFreeTc: number;
  readonly predictions: readonly LabelMap[];
}

/**
 * Runs an exported model (ONNX bytes) on every frame of `clip` with onnxruntime-web in Node, the
 * engine the page uses, and measures mIoU against the exact labels and TC with the exact flow
 * (core's metrics, as on the page).
 */
export async function evaluateOnClip(bytes: Uint8Array, clip: RenderedClip, source: string): Promise<ClipEvaluation> {
  const input = readOnnxModel(bytes, source).vidseg!.input;
  const session = await new OrtWebRuntime({ threads: 1 }).createSession(bytes);
  const space = { classes: CAMVID_PALETTE.classes, ignoreLabel: CAMVID_PALETTE.ignoreLabel };
  const meters = new VideoMeters(space);
  const predictions: LabelMap[] = [];
  try {
    for (const [t, frame] of clip.frames.entries()) {
      const prediction = await segmentFrame(session, input, frame, source);
      predictions.push(prediction);
      meters.update(t, prediction, clip.flows[t], clip.labels[t]);
    }
  } finally {
    await session.release();
  }
  const figures = meters.figures();
  return { miou: figures.miou!, tc: figures.tc!, flowFreeTc: figures.flowFreeTc, predictions };
}
