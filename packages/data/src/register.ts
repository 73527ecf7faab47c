import { pluginRegistry, TOKENS, type DependencyContainer } from '@vidseg/core';
import { CamvidDataset } from './datasets/camvid/camvid-dataset.js';
import { camvidOptionsSchema } from './datasets/camvid/camvid-options.js';
import { CityscapesDataset } from './datasets/cityscapes/cityscapes-dataset.js';
import { cityscapesOptionsSchema } from './datasets/cityscapes/cityscapes-options.js';
import { FramesDataset } from './datasets/frames/frames-dataset.js';
import { framesOptionsSchema } from './datasets/frames/frames-options.js';
import { VideoDataset } from './datasets/video/video-dataset.js';
import { videoOptionsSchema } from './datasets/video/video-options.js';
import { VideoFolderDataset } from './datasets/video-folder/video-folder-dataset.js';
import { videoFolderOptionsSchema } from './datasets/video-folder/video-folder-options.js';
import { SyntheticDataset } from './datasets/synthetic/synthetic-dataset.js';
import { syntheticDatasetOptionsSchema } from './datasets/synthetic/synthetic-options.js';
import { createTrainingClipSampler } from './sampling/create-training-clip-sampler.js';

const PACKAGE = '@vidseg/data';

/** Registers the datasets of `@vidseg/data` as `dataset` plugins, and its clip sampler as the training runs' sampler. */
export function register(container: DependencyContainer): void {
  container.register(TOKENS.clipSamplerFactory, { useValue: createTrainingClipSampler });
  const registry = pluginRegistry(container);
  registry.add({
    kind: 'dataset',
    name: 'synthetic',
    packageName: PACKAGE,
    description: 'Procedural street clips in the CamVid classes with exact labels and exact flow for every frame (no download).',
    options: syntheticDatasetOptionsSchema,
    implementation: SyntheticDataset,
  });
  registry.add({
    kind: 'dataset',
    name: 'camvid',
    packageName: PACKAGE,
    description: 'CamVid in the SegNet layout (11 classes + Void); pseudo-motion pairs where raw neighbours are missing.',
    options: camvidOptionsSchema,
    implementation: CamvidDataset,
  });
  registry.add({
    kind: 'dataset',
    name: 'cityscapes',
    packageName: PACKAGE,
    description: 'Cityscapes gtFine (labelIds mapped to the 19 trainIds) with neighbours from leftImg8bit_sequence.',
    options: cityscapesOptionsSchema,
    implementation: CityscapesDataset,
  });
  registry.add({
    kind: 'dataset',
    name: 'frames',
    packageName: PACKAGE,
    description: 'A folder of video frames (PNG/JPEG/WebP in name order), with optional label maps.',
    options: framesOptionsSchema,
    implementation: FramesDataset,
  });
  registry.add({
    kind: 'dataset',
    name: 'video',
    packageName: PACKAGE,
    description: 'The frames of a video file, decoded through the system ffmpeg (clear error when it is missing).',
    options: videoOptionsSchema,
    implementation: VideoDataset,
  });
  registry.add({
    kind: 'dataset',
    name: 'video-folder',
    packageName: PACKAGE,
    description: 'A folder of videos: each sub-folder of frames and each video file is one unlabelled sequence (include / exclude hold some out).',
    options: videoFolderOptionsSchema,
    implementation: VideoFolderDataset,
  });
}
