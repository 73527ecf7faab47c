import * as tf from '@tensorflow/tfjs-core';
import type { ImageFrame, LabelMap } from '@vidseg/core';
import type { TfjsNetwork } from '../network/tfjs-network.js';
import { resizeBilinearTo } from '../ops/resize.js';
import { preprocessFrames } from '../train/preprocess.js';

/**
 * The network's class map for one frame, in eval mode: the frame (resized to `inputSize` when
 * given) goes through the network, the logits are resized bilinearly (half-pixel) to
 * `outputSize` (default: the frame's size), and the arg-max is taken per pixel.
 */
export async function predictLabels(
  network: TfjsNetwork,
  frame: ImageFrame,
  options: { inputSize?: readonly [number, number]; outputSize?: readonly [number, number] } = {},
): Promise<LabelMap> {
  const [height, width] = options.outputSize ?? [frame.height, frame.width];
  const labels = tf.tidy(() => {
    let input = preprocessFrames([frame], network.model.preprocessing);
    if (options.inputSize) input = resizeBilinearTo(input, options.inputSize, 'half-pixel');
    const { logits, features, auxLogits } = network.forward(input, 'eval');
    tf.dispose([features, auxLogits].filter((t): t is tf.Tensor => !!t));
    return tf.argMax(resizeBilinearTo(logits as tf.Tensor4D, [height, width], 'half-pixel'), 3);
  });
  const data = Uint8Array.from((await labels.data()) as Int32Array);
  labels.dispose();
  return { width, height, data };
}
