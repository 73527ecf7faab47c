import { PinholeCamera, type CameraPose } from './street-camera.js';
import type { CameraPath } from './street-scene.js';

/** The camera pose of `path` at frame time `t` (any real number): forward motion plus smooth sway and shake. */
export function cameraPoseAt(path: CameraPath, t: number): CameraPose {
  const [a, b, c, d] = path.phases;
  const w = (2 * Math.PI) / path.swayPeriod;
  return {
    x: path.lateral + path.swayAmplitude * Math.sin(w * t + a),
    y: path.height + 0.02 * Math.sin(3.1 * w * t + b),
    z: path.speed * t,
    rotation: PinholeCamera.rotation(
      path.yawAmplitude * Math.sin(0.7 * w * t + b),
      path.pitchAmplitude * Math.sin(2.3 * w * t + c),
      path.rollAmplitude * Math.sin(1.7 * w * t + d),
    ),
  };
}

/** The camera for `width` x `height` frames: focal length 0.9 x width, horizon a little above the middle. */
export function streetCamera(width: number, height: number): PinholeCamera {
  return new PinholeCamera(width, height, 0.9 * Math.max(width, height), (width - 1) / 2, 0.42 * (height - 1));
}
