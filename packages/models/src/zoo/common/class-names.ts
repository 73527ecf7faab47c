import { CAMVID_PALETTE, CITYSCAPES_PALETTE } from '@vidseg/core';
import type { ClassesOption } from './model-options.js';

/** The class names a `classes` option stands for, in output-channel order. */
export function classNames(option: ClassesOption): readonly string[] {
  if (option === 'camvid') return CAMVID_PALETTE.classes;
  if (option === 'cityscapes') return CITYSCAPES_PALETTE.classes;
  return option;
}
