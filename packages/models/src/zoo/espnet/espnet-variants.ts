import { CAMVID_PALETTE, CITYSCAPES_PALETTE, type Preprocessing } from '@vidseg/core';

/** The two pretrained ESPNet variants (../shared/models). */
export type EspnetVariant = 'camvid' | 'cityscapes';

/** What differs between the ESPNet variants. */
export interface EspnetVariantSpec {
  /** Output classes, in channel order; the last one is the void/background class. */
  readonly classes: readonly string[];
  /** Index of the trained void class, which evaluation excludes (its pixels are ignored). */
  readonly voidClass: number;
  readonly preprocessing: Preprocessing;
  /** [height, width] the weights were trained at. */
  readonly nativeSize: readonly [number, number];
  /**
   * The half-resolution skip into the last 3x3 conv: `b1` (the 19-channel BR after concatenating
   * level 1 and the half-size image; CamVid) or `level1` (the 16-channel level-1 output; Cityscapes).
   */
  readonly skip: 'b1' | 'level1';
}

/** The CamVid void class index (12 outputs: the 11 CamVid classes, then Void). */
export const ESPNET_CAMVID_VOID_CLASS = 11;

/** The variants' constants, from ../shared/models/README.md sections 3 and 4. */
export const ESPNET_VARIANTS: Readonly<Record<EspnetVariant, EspnetVariantSpec>> = {
  camvid: {
    classes: [...CAMVID_PALETTE.classes, 'Void'],
    voidClass: ESPNET_CAMVID_VOID_CLASS,
    // An estimate (the authors did not publish theirs); BGR; the extra /255 after standardising.
    preprocessing: { channelOrder: 'BGR', mean: [110.331, 108.4089, 105.0332], std: [72.1257, 72.6907, 69.9043], scale: 1 / 255 },
    nativeSize: [360, 480],
    skip: 'b1',
  },
  cityscapes: {
    classes: [...CITYSCAPES_PALETTE.classes, 'void'],
    voidClass: 19,
    preprocessing: {
      channelOrder: 'BGR',
      mean: [72.3923111, 82.90893555, 73.15840149],
      std: [45.3192215, 46.15289307, 44.91483307],
      scale: 1 / 255,
    },
    nativeSize: [512, 1024],
    skip: 'level1',
  },
};
