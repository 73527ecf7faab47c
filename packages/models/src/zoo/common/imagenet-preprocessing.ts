import type { Preprocessing } from '@vidseg/core';

/**
 * The usual ImageNet normalisation (RGB, torchvision's mean and std on the 0..255 scale), used by
 * the zoo's networks that are trained from scratch or from ImageNet-style backbones.
 */
export const IMAGENET_PREPROCESSING: Preprocessing = {
  channelOrder: 'RGB',
  mean: [123.675, 116.28, 103.53],
  std: [58.395, 57.12, 57.375],
  scale: 1,
};
