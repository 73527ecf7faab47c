/** A frame stored as an image file, with its label map file when it is labelled. */
export interface FrameFile {
  /** Frame id, e.g. `0016E5_07959`. */
  readonly id: string;
  /** Sequence name, e.g. `0016E5`. */
  readonly sequence: string;
  /** Index of the frame in its video (neighbours differ by the gap). */
  readonly index: number;
  /** Absolute path of the image. */
  readonly image: string;
  /** Absolute path of the label map, when labelled. */
  readonly label?: string;
}
