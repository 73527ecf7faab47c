import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { TfjsNetwork } from '@vidseg/backend-tfjs';
import { OrtNodeRuntime, OrtWebRuntime, createSegmenter, exportOnnx, type Segmenter } from '@vidseg/backend-ort';
import type { ImageFrame, InferenceRuntime, InferenceSession, NamedTensors, RuntimeTensor } from '@vidseg/core';
import type { SegmentationModel } from '@vidseg/models';

/** One engine ready to run one model at one size. */
export interface PreparedEngine {
  /** The network alone: float input already in place, logits out (session.run only for ORT). */
  runModel(): Promise<void>;
  /** The whole pipeline: uint8 RGB image in, uint8 label map out. */
  runPipeline(): Promise<void>;
  dispose(): Promise<void>;
}

/** An engine of the benchmark. */
export interface BenchEngine {
  readonly name: string;
  isAvailable(): Promise<boolean>;
  prepare(model: SegmentationModel, weights: NamedTensors, frame: ImageFrame, input: Float32Array): Promise<PreparedEngine>;
}

/**
 * An ONNX Runtime engine: the model latency runs the plain export (float32 NCHW in, logits out);
 * the pipeline runs the segmenter on the export with in-graph preprocessing and a label-map output.
 */
function ortEngine(runtime: InferenceRuntime): BenchEngine {
  return {
    name: runtime.name,
    isAvailable: () => runtime.isAvailable(),
    async prepare(model, weights, frame, input) {
      const size = [frame.height, frame.width] as const;
      const plain = exportOnnx(model, weights, { inputSize: size });
      const session: InferenceSession = await runtime.createSession(plain, { threads: 1 });
      const feeds: Record<string, RuntimeTensor> = { [model.graph.inputs[0]!.name]: { type: 'float32', dims: [1, 3, ...size], data: input } };
      const full = exportOnnx(model, weights, { inputSize: size, image: 'rgb', outputs: ['labels'] });
      const segmenter: Segmenter = await createSegmenter({ model: full, runtime, threads: 1 });
      let timestamp = 0;
      return {
        runModel: async () => void (await session.run(feeds)),
        runPipeline: async () => void (await segmenter.segment(frame, ++timestamp)),
        dispose: async () => {
          await Promise.all([session.release(), segmenter.close()]);
        },
      };
    },
  };
}

/**
 * TensorFlow.js on its wasm backend with the tfjs interpreter of @vidseg/backend-tfjs (NHWC). The
 * model latency is forward + reading the logits; the pipeline converts and normalises the image
 * with tfjs ops, runs the network, takes the argmax and reads the label map.
 */
const tfjsWasm: BenchEngine = {
  name: 'tfjs-wasm',
  async isAvailable() {
    return tf.setBackend('wasm');
  },
  async prepare(model, weights, frame, input) {
    await tf.setBackend('wasm');
    const network = new TfjsNetwork(model, weights, { seed: 0, trainable: false });
    const [h, w] = [frame.height, frame.width];
    const nhwc = tf.tidy(() => tf.transpose(tf.tensor4d(input, [1, 3, h, w]), [0, 2, 3, 1]));
    const { channelOrder, mean, std, scale } = model.preprocessing;
    const factor = tf.tensor1d(std.map((s) => scale / s));
    const offset = tf.tensor1d([...mean]);
    const labels = new Uint8Array(h * w);
    return {
      async runModel() {
        const { logits } = network.forward(nhwc, 'eval');
        await logits.data();
        logits.dispose();
      },
      async runPipeline() {
        const argmax = tf.tidy(() => {
          let image = tf.cast(tf.tensor3d(frame.data as Uint8Array, [h, w, 3], 'int32'), 'float32');
          if (channelOrder === 'BGR') image = tf.reverse(image, 2);
          const x = tf.expandDims(tf.mul(tf.sub(image, offset), factor), 0) as tf.Tensor4D;
          return tf.argMax(network.forward(x, 'eval').logits, 3);
        });
        labels.set(await argmax.data());
        argmax.dispose();
      },
      async dispose() {
        tf.dispose([nhwc, factor, offset]);
        network.dispose();
      },
    };
  },
};

/** The engines in table order. */
export const BENCH_ENGINES: readonly BenchEngine[] = [ortEngine(new OrtWebRuntime()), ortEngine(new OrtNodeRuntime()), tfjsWasm];
