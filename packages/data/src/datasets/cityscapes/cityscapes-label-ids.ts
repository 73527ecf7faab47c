/**
 * Cityscapes labelIds (0..33, as stored in *_gtFine_labelIds.png) to the 19 evaluation trainIds
 * (255 = ignore), from cityscapesScripts' labels.py. Values 34..255 are not label ids (-1).
 */
export const CITYSCAPES_LABEL_TO_TRAIN_ID: Int16Array = (() => {
  const table = new Int16Array(256).fill(-1);
  const trainIds = [
    255, 255, 255, 255, 255, 255, 255, 0, 1, 255, 255, 2, 3, 4, 255, 255, 255, 5, 255, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 255, 255, 16, 17, 18,
  ];
  trainIds.forEach((trainId, labelId) => (table[labelId] = trainId));
  return table;
})();
