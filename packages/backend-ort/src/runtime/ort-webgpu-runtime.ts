import { injectable } from '@vidseg/core';
import { OrtWebRuntime } from './ort-web-runtime.js';

interface NavigatorWithGpu {
  readonly gpu?: { requestAdapter(): Promise<unknown> };
}

/**
 * onnxruntime-web on the WebGPU execution provider, in browsers that have WebGPU (operators it
 * lacks fall back to WebAssembly). Not available in Node.
 */
@injectable()
export class OrtWebGpuRuntime extends OrtWebRuntime {
  override readonly name: string = 'ort-webgpu';

  override async isAvailable(): Promise<boolean> {
    const gpu = (globalThis as { navigator?: NavigatorWithGpu }).navigator?.gpu;
    if (!gpu) return false;
    try {
      return (await gpu.requestAdapter()) !== null && (await super.isAvailable());
    } catch {
      return false;
    }
  }

  protected override executionProviders(): string[] {
    return ['webgpu', 'wasm'];
  }
}
