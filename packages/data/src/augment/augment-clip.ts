import type { ClipFrame, ClipSample, FlowField, RandomSource } from '@vidseg/core';
import { exactFlowBook, remapImage, remapLabels } from '@vidseg/flow/internal';
import { affineCoordinates } from './affine-map.js';
import { drawClipGeometry, type GeometrySettings } from './clip-geometry.js';
import { applyColourJitter, drawColourJitter, isIdentityJitter, type ColourJitterSettings } from './colour-jitter.js';
import { transformExactFlow } from './transform-exact-flow.js';

/** A clip as the dataset gave it, before augmentation: frames in time order and exact flows from the target. */
export interface SourceClip {
  readonly frames: readonly ClipFrame[];
  readonly target: number;
  /** Exact flow from the target to each frame, where known. */
  readonly flows: readonly (FlowField | undefined)[];
  /** Validity of each exact flow (see ClipSample.exactFlowMasks). */
  readonly valid: readonly (Uint8Array | undefined)[];
  /** Exact flow from each frame back to the target, with its validity, where known. */
  readonly backward: readonly ({ readonly flow: FlowField; readonly valid: Uint8Array } | undefined)[];
}

/** Everything the shared augmentation draws from. */
export interface AugmentationSettings {
  readonly geometry: GeometrySettings;
  readonly colour: ColourJitterSettings;
  /** Label written where the output leaves the source image. */
  readonly ignoreLabel: number;
  /** Largest disagreement (pixels) between the flows around a sampled point for its flow to stay valid. */
  readonly flowTolerance: number;
}

/**
 * Applies one random geometry (scale, rotation, flip, crop) and one colour jitter to every frame
 * and label of `clip`, and carries the exact flows (both ways) through the geometry (a flipped pair gets a
 * flipped flow with negated x). The result's exact flows are recorded for the `exact` estimator.
 */
export function augmentClip(clip: SourceClip, random: RandomSource, settings: AugmentationSettings): ClipSample {
  const reference = clip.frames[clip.target]!.image;
  const geometry = drawClipGeometry(random, reference.width, reference.height, settings.geometry);
  const jitter = drawColourJitter(random, settings.colour, reference);
  const coords = affineCoordinates(geometry, geometry.outputWidth, geometry.outputHeight);
  const remapped = clip.frames.map((frame) => {
    const { result: image, inside } = remapImage(frame.image, coords, 0);
    if (!isIdentityJitter(jitter)) applyColourJitter(image, jitter);
    const label = frame.label ? remapLabels(frame.label, coords, settings.ignoreLabel) : undefined;
    return { frame: { id: frame.id, image, ...(label ? { label } : {}) } satisfies ClipFrame, inside };
  });
  const targetImage = remapped[clip.target]!.frame.image;
  const forward = clip.frames.map((_, i) => {
    const flow = clip.flows[i];
    const valid = clip.valid[i];
    if (i === clip.target || !flow || !valid) return undefined;
    const moved = transformExactFlow(flow, valid, geometry, coords, remapped[i]!.inside, settings.flowTolerance);
    exactFlowBook.recordFlow(targetImage, remapped[i]!.frame.image, moved.flow);
    return moved;
  });
  const backward = clip.frames.map((_, i) => {
    const back = clip.backward[i];
    if (i === clip.target || !back) return undefined;
    const moved = transformExactFlow(back.flow, back.valid, geometry, coords, remapped[clip.target]!.inside, settings.flowTolerance);
    exactFlowBook.recordFlow(remapped[i]!.frame.image, targetImage, moved.flow);
    return moved;
  });
  const frames = remapped.map((r) => r.frame);
  return {
    frames,
    target: clip.target,
    ...(forward.some((f) => f) ? { exactFlows: forward.map((f) => f?.flow), exactFlowMasks: forward.map((f) => f?.valid) } : {}),
    ...(backward.some((f) => f) ? { exactBackwardFlows: backward.map((f) => f?.flow), exactBackwardFlowMasks: backward.map((f) => f?.valid) } : {}),
  };
}
