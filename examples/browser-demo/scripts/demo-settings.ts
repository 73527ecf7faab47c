import type { SyntheticDatasetOptions } from '@vidseg/data';

/** The shipped clip: one street of the synthetic `test` split, never seen in training. */
export const DEMO_CLIP: Partial<SyntheticDatasetOptions> = { split: 'test', seed: 0, clips: 1, framesPerClip: 30, size: [192, 256] };

/** Playback rate of the shipped clip (the synthetic camera moves 0.2 m per frame: 2 m/s). */
export const DEMO_FPS = 10;

/** Quality of the lossy WebP key frames the WebM is made of (1..100). */
export const DEMO_VIDEO_QUALITY = 90;

/** Training clips: synthetic `train` streets at the demo size. */
export const TRAINING_DATA: Partial<SyntheticDatasetOptions> = { split: 'train', seed: 0, clips: 6, framesPerClip: 12, size: [192, 256] };
