import type { InferenceRuntime, InferenceSession, SessionOptions } from '@vidseg/core';

/**
 * The first usable of `candidates` (the registered runtimes with a priority, highest first: in Node
 * onnxruntime-node when it is installed, else onnxruntime-web). Name a runtime explicitly
 * (`ort-web`) to override the choice.
 */
export class AutoRuntime implements InferenceRuntime {
  readonly name = 'auto';
  private chosen: Promise<InferenceRuntime> | undefined;

  constructor(private readonly candidates: readonly InferenceRuntime[]) {}

  /** The runtime this one delegates to (decided on first use; the last candidate when none is usable, so its error explains). */
  choose(): Promise<InferenceRuntime> {
    this.chosen ??= (async () => {
      for (const candidate of this.candidates) if (await candidate.isAvailable()) return candidate;
      return this.candidates[this.candidates.length - 1]!;
    })();
    return this.chosen;
  }

  async isAvailable(): Promise<boolean> {
    return (await this.choose()).isAvailable();
  }

  async createSession(model: Uint8Array, options?: SessionOptions): Promise<InferenceSession> {
    return (await this.choose()).createSession(model, options);
  }
}
