import type { Palette } from './palette.js';

/**
 * CamVid, 11 classes in the SegNet order (the order of the ESPNet CamVid outputs), with SegNet's
 * display colours; 11 is Void, the ignore label.
 */
export const CAMVID_PALETTE: Palette = {
  name: 'camvid',
  classes: ['Sky', 'Building', 'Pole', 'Road', 'Pavement', 'Tree', 'SignSymbol', 'Fence', 'Car', 'Pedestrian', 'Bicyclist'],
  colors: [
    [128, 128, 128],
    [128, 0, 0],
    [192, 192, 128],
    [128, 64, 128],
    [60, 40, 222],
    [128, 128, 0],
    [192, 128, 128],
    [64, 64, 128],
    [64, 0, 128],
    [64, 64, 0],
    [0, 128, 192],
  ],
  ignoreLabel: 11,
  ignoreColor: [0, 0, 0],
};
