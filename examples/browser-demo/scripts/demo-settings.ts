import type { SyntheticDatasetOptions } from '@vidseg/data';

/** `vidseg demo`'s config, whose recipe the two shipped models follow (paths from this package's folder). */
export const DEMO_CONFIG_FILE = '../../packages/cli/configs/demo.yaml';

/** The pretrained student `vidseg demo` fine-tunes, and so do the shipped models. */
export const DEMO_STUDENT_FILE = '../../packages/cli/assets/demo-student.safetensors';

/**
 * The camera of `vidseg demo`'s clips (data.train and data.val of its config; a test keeps them
 * equal): sensor noise, exposure drift and per-frame flicker, block compression, motion blur and
 * shake, so a per-frame model flickers on them as on real footage.
 */
export const DEMO_CAMERA = { sensorNoise: 6, lighting: 0.05, flicker: 0.12, compression: 12, motionBlur: 2, shake: 0.004 } as const;

/**
 * The frame size of `vidseg demo`'s clips, [height, width]: the shipped models are fine-tuned and
 * shown at the size `vidseg demo` fine-tunes and evaluates at (the synthetic camera has a fixed
 * field of view, so objects scale with the frame).
 */
export const DEMO_SIZE = [120, 160] as const satisfies readonly [number, number];

/** The shipped clip: one street of the synthetic `test` split, never seen in training. */
export const DEMO_CLIP: Partial<SyntheticDatasetOptions> = { split: 'test', seed: 0, clips: 1, framesPerClip: 30, size: [...DEMO_SIZE], ...DEMO_CAMERA };

/** Playback rate of the shipped clip (the synthetic camera moves 0.2 m per frame: 2 m/s). */
export const DEMO_FPS = 10;

/** Quality of the lossy WebP key frames the WebM is made of (1..100). */
export const DEMO_VIDEO_QUALITY = 90;

/** Training clips: `vidseg demo`'s (its config's `data.train`: 24 synthetic `train` streets of 30 frames; a test keeps them equal). */
export const TRAINING_DATA: Partial<SyntheticDatasetOptions> = { split: 'train', seed: 0, clips: 24, framesPerClip: 30, size: [...DEMO_SIZE], ...DEMO_CAMERA };
