// Counts what crosses between host and device on a tfjs backend: reads back (async and sync) and,
// on WebGPU, uploads of host values into GPU buffers (tensors made from JavaScript arrays, scalars)
// and shader dispatches (each `runWebGPUProgram` records one compute dispatch: the host cost that
// made MobileNetV2 and ESPNet host-bound).
import type * as tf from '@tensorflow/tfjs-core';

interface TensorData {
  readonly values?: ArrayLike<number> | null;
  readonly resource?: unknown;
}

interface InspectableBackend {
  read(dataId: object): Promise<unknown>;
  readSync(dataId: object): unknown;
  uploadToGPU?(dataId: object): void;
  runWebGPUProgram?(...args: unknown[]): unknown;
  tensorMap?: { get(dataId: object): TensorData | undefined };
}

/** Wraps the backend's read, upload and dispatch methods to count calls; {@link restore} undoes it. */
export class ReadCounter {
  reads = 0;
  uploads = 0;
  uploadBytes = 0;
  dispatches = 0;
  /** Dispatches per shader program class (esbuild may append a digit to the names). */
  readonly programs = new Map<string, number>();
  /** Dispatches per label of `label` (e.g. the tfjs kernel behind them: `kernel-attribution.ts`), when given. */
  readonly labelled = new Map<string, number>();
  private readonly backend: InspectableBackend;
  private readonly original: Pick<InspectableBackend, 'read' | 'readSync' | 'uploadToGPU' | 'runWebGPUProgram'>;

  constructor(
    backend: tf.KernelBackend,
    private readonly label?: () => string,
  ) {
    this.backend = backend as unknown as InspectableBackend;
    const target = this.backend;
    this.original = {
      read: target.read,
      readSync: target.readSync,
      ...(target.uploadToGPU ? { uploadToGPU: target.uploadToGPU } : {}),
      ...(target.runWebGPUProgram ? { runWebGPUProgram: target.runWebGPUProgram } : {}),
    };
    const original = this.original;
    target.read = (dataId) => {
      this.reads++;
      return original.read.call(target, dataId);
    };
    target.readSync = (dataId) => {
      this.reads++;
      return original.readSync.call(target, dataId);
    };
    if (original.uploadToGPU) {
      target.uploadToGPU = (dataId) => {
        const data = target.tensorMap?.get(dataId);
        if (data && data.resource == null && data.values != null) {
          this.uploads++;
          this.uploadBytes += data.values.length * 4;
        }
        original.uploadToGPU!.call(target, dataId);
      };
    }
    if (original.runWebGPUProgram) {
      target.runWebGPUProgram = (...args) => {
        this.dispatches++;
        const program = (args[0] as object).constructor.name.replace(/\d+$/, '');
        this.programs.set(program, (this.programs.get(program) ?? 0) + 1);
        if (this.label) {
          const label = this.label();
          this.labelled.set(label, (this.labelled.get(label) ?? 0) + 1);
        }
        return original.runWebGPUProgram!.apply(target, args);
      };
    }
  }

  reset(): void {
    this.reads = 0;
    this.uploads = 0;
    this.uploadBytes = 0;
    this.dispatches = 0;
    this.programs.clear();
    this.labelled.clear();
  }

  restore(): void {
    Object.assign(this.backend, this.original);
  }
}
