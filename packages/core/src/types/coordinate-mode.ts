/**
 * How a bilinear resize maps an output coordinate to an input coordinate, as ONNX Resize's
 * `coordinate_transformation_mode` (and PyTorch's interpolate):
 * - `half-pixel`: (o + 0.5) * in / out - 0.5 (ONNX half_pixel; PyTorch align_corners=False);
 * - `align-corners`: o * (in - 1) / (out - 1), and 0 when out is 1 (ONNX align_corners);
 * - `asymmetric`: o * in / out (ONNX asymmetric; TensorFlow's legacy resize).
 */
export type CoordinateMode = 'half-pixel' | 'align-corners' | 'asymmetric';
