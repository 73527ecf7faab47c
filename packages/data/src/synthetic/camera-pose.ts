import { hashUnit } from '../random/hash.js';
import { PinholeCamera, type CameraPose } from './street-camera.js';
import type { CameraPath } from './street-scene.js';

/**
 * The camera pose of `path` at frame time `t` (any real number): forward motion plus smooth sway,
 * and the hand-held shake (a fresh random yaw and pitch at each whole frame time, blended linearly
 * between them so the pose stays continuous).
 */
export function cameraPoseAt(path: CameraPath, t: number): CameraPose {
  const [a, b, c, d] = path.phases;
  const w = (2 * Math.PI) / path.swayPeriod;
  const yawShake = shakeAt(path, t, 0);
  const pitchShake = shakeAt(path, t, 1);
  return {
    x: path.lateral + path.swayAmplitude * Math.sin(w * t + a),
    y: path.height + 0.02 * Math.sin(3.1 * w * t + b),
    z: path.speed * t,
    rotation: PinholeCamera.rotation(
      path.yawAmplitude * Math.sin(0.7 * w * t + b) + yawShake,
      path.pitchAmplitude * Math.sin(2.3 * w * t + c) + pitchShake,
      path.rollAmplitude * Math.sin(1.7 * w * t + d),
    ),
  };
}

function shakeAt(path: CameraPath, t: number, axis: number): number {
  if (path.shake === 0) return 0;
  const t0 = Math.floor(t);
  const at = (k: number) => path.shake * 2 * (hashUnit(k, axis, 0, path.shakeSeed) - 0.5);
  return at(t0) + (at(t0 + 1) - at(t0)) * (t - t0);
}

/** The camera for `width` x `height` frames: focal length 0.9 x width, horizon a little above the middle. */
export function streetCamera(width: number, height: number): PinholeCamera {
  return new PinholeCamera(width, height, 0.9 * Math.max(width, height), (width - 1) / 2, 0.42 * (height - 1));
}
