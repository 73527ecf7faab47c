import type { FlowField } from '@vidseg/core';
import type { ExactMotionSource } from '@vidseg/flow/internal';
import { streetCamera } from './camera-pose.js';
import { generateStreetScene, type StreetSceneSettings } from './generate-street-scene.js';
import { renderStreetFrame, type RenderedStreetFrame } from './render-street-frame.js';
import type { PinholeCamera } from './street-camera.js';
import { streetFlow, type StreetFlow } from './street-flow.js';
import type { StreetScene } from './street-scene.js';

/**
 * One synthetic street clip at a fixed image size: frames at any integer time, and the exact flow
 * and visibility between any two of them. Keeps the last few rendered frames, since samplers ask for
 * the same frames again as targets and neighbours.
 */
export class SyntheticClip implements ExactMotionSource {
  readonly scene: StreetScene;
  readonly camera: PinholeCamera;
  private readonly recent = new Map<number, RenderedStreetFrame>();

  constructor(
    seed: number,
    settings: StreetSceneSettings,
    width: number,
    height: number,
    private readonly cacheSize = 6,
  ) {
    this.scene = generateStreetScene(seed, settings);
    this.camera = streetCamera(width, height);
  }

  /** The rendered frame at `time` (from the cache when recent). */
  frame(time: number): RenderedStreetFrame {
    const cached = this.recent.get(time);
    if (cached) {
      this.recent.delete(time);
      this.recent.set(time, cached);
      return cached;
    }
    const rendered = renderStreetFrame(this.scene, this.camera, time);
    this.recent.set(time, rendered);
    if (this.recent.size > this.cacheSize) this.recent.delete(this.recent.keys().next().value!);
    return rendered;
  }

  /** The exact flow from the frame at `from` to the frame at `to`, with its validity mask. */
  motion(from: number, to: number): StreetFlow {
    return streetFlow(this.scene, this.camera, this.frame(from), this.frame(to));
  }

  flowBetween(from: number, to: number): FlowField {
    return this.motion(from, to).flow;
  }
}
