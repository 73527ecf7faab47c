import type { SyntheticDatasetOptions } from '@vidseg/data';

/** The shipped clip: one street of the synthetic `test` split, never seen in training. */
export const DEMO_CLIP: Partial<SyntheticDatasetOptions> = { split: 'test', seed: 0, clips: 1, framesPerClip: 30, size: [192, 256] };

/** Playback rate of the shipped clip (the synthetic camera moves 0.2 m per frame: 2 m/s). */
export const DEMO_FPS = 10;

/** Quality of the lossy WebP key frames the WebM is made of (1..100). */
export const DEMO_VIDEO_QUALITY = 90;

/**
 * Training clips: as many synthetic `train` streets as `vidseg demo` uses (24 clips of 30
 * frames), rendered at the demo clip's size rather than the CLI's 160x120: the synthetic camera
 * has a fixed field of view, so objects scale with the frame, and the models should see them at the
 * scale of the clip they segment.
 */
export const TRAINING_DATA: Partial<SyntheticDatasetOptions> = { split: 'train', seed: 0, clips: 24, framesPerClip: 30, size: [192, 256] };
