/** The exact definitions every vidseg report states. */
export const METRIC_DEFINITIONS: readonly string[] = [
  'mIoU: one confusion matrix over the whole split; IoU per class; mean over classes with a non-empty union; the ignore label never counts; a prediction outside the class set counts as wrong.',
  'TC: for each consecutive pair (t, t+1), P_{t+1} is warped back to t along the flow F_{t->t+1} by nearest neighbour; pixels whose flow leaves the frame, or where P_t is the ignore label, are skipped; TC is the mIoU of the confusion between P_t and the warped P_{t+1} over all pairs. The flow estimator is named in each report.',
  'VC_n: over every window of n consecutive labelled frames, among pixels whose ground truth is the same (and not ignored) in all n frames, the share whose prediction is also the same in all n; averaged over windows.',
  'Speed: model latency is the median time of one per-frame segmentation call (preprocessing, ONNX Runtime session.run, arg-max, 1 thread).',
];
