import { UsageError } from '@vidseg/core';

/**
 * How a resize maps an output coordinate to an input coordinate, as ONNX Resize's
 * `coordinate_transformation_mode` (and PyTorch's interpolate):
 * - `half-pixel`: (o + 0.5) * in / out - 0.5 (ONNX half_pixel; PyTorch align_corners=False);
 * - `align-corners`: o * (in - 1) / (out - 1), and 0 when out is 1 (ONNX align_corners);
 * - `asymmetric`: o * in / out (ONNX asymmetric; TensorFlow's legacy resize).
 */
export type ResizeCoordinateMode = 'half-pixel' | 'align-corners' | 'asymmetric';

const MODES: readonly ResizeCoordinateMode[] = ['half-pixel', 'align-corners', 'asymmetric'];

/** The input coordinate output index `o` reads, before clamping to [0, inLength - 1]. */
export function sourceCoordinate(o: number, inLength: number, outLength: number, mode: ResizeCoordinateMode): number {
  switch (mode) {
    case 'half-pixel':
      return ((o + 0.5) * inLength) / outLength - 0.5;
    case 'align-corners':
      return outLength === 1 ? 0 : (o * (inLength - 1)) / (outLength - 1);
    case 'asymmetric':
      return (o * inLength) / outLength;
    default:
      throw new UsageError(`unknown resize coordinate mode '${String(mode)}'; expected one of ${MODES.join(', ')}`);
  }
}
