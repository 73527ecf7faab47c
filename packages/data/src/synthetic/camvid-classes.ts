/** CamVid class ids (SegNet order, as in core's CAMVID_PALETTE) used by the synthetic street. */
export const CAMVID = {
  sky: 0,
  building: 1,
  pole: 2,
  road: 3,
  pavement: 4,
  tree: 5,
  signSymbol: 6,
  fence: 7,
  car: 8,
  pedestrian: 9,
  bicyclist: 10,
  void: 11,
} as const;
