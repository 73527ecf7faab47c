import { assertSameSize, inject, injectable, TOKENS, type FlowEstimator, type FlowField, type ImageFrame } from '@vidseg/core';
import { farnebackOptionsSchema, type FarnebackOptions, type FarnebackOptionsInput } from './farneback-options.js';
import { loadOpenCv, type OpenCv } from './opencv-loader.js';

const OPENCV_VERSION = '4.12.0-release.1';

/**
 * The `farneback` estimator: Gunnar Farneback's dense optical flow (polynomial expansion, coarse
 * to fine) from OpenCV.js, on the frames converted to grey. Runs in WebAssembly on one thread.
 */
@injectable()
export class FarnebackFlow implements FlowEstimator {
  readonly name = 'farneback';
  readonly options: FarnebackOptions;
  readonly cacheKey: string;

  constructor(@inject(TOKENS.pluginOptions) options: FarnebackOptionsInput = {}) {
    this.options = farnebackOptionsSchema.parse(options);
    const o = this.options;
    this.cacheKey = `farneback@opencv-js-${OPENCV_VERSION}:pyr=${o.pyramidScale},levels=${o.levels},win=${o.windowSize},it=${o.iterations},polyN=${o.polyN},sigma=${o.polySigma},gauss=${o.gaussianWindow ? 1 : 0}`;
  }

  async estimate(from: ImageFrame, to: ImageFrame): Promise<FlowField> {
    assertSameSize(from, to, 'farneback (from vs to)');
    const { cv } = await loadOpenCv();
    const a = grey(cv, from);
    const b = grey(cv, to);
    const flow = new cv.Mat();
    try {
      const o = this.options;
      const flags = o.gaussianWindow ? cv.OPTFLOW_FARNEBACK_GAUSSIAN : 0;
      cv.calcOpticalFlowFarneback(a, b, flow, o.pyramidScale, o.levels, o.windowSize, o.iterations, o.polyN, o.polySigma, flags);
      // Copy out of the WebAssembly heap before the Mat is freed.
      return { width: from.width, height: from.height, data: new Float32Array(flow.data32F) };
    } finally {
      a.delete();
      b.delete();
      flow.delete();
    }
  }
}

function grey(cv: OpenCv, image: ImageFrame): InstanceType<OpenCv['Mat']> {
  const colour = new cv.Mat(image.height, image.width, image.channels === 4 ? cv.CV_8UC4 : cv.CV_8UC3);
  colour.data.set(image.data);
  const out = new cv.Mat();
  cv.cvtColor(colour, out, image.channels === 4 ? cv.COLOR_RGBA2GRAY : cv.COLOR_RGB2GRAY);
  colour.delete();
  return out;
}
