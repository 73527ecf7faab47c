import { unpackFlow } from '../common/packed-flow.js';
import type { DemoManifest } from '../common/demo-manifest.js';
import { fetchBytes, fetchGzipped, fetchVideoUrl } from './demo-assets.js';
import { LatencyStats } from './latency-stats.js';
import { loadModel } from './loaded-model.js';
import { wireFileChoice } from './file-choice.js';
import { ModelLane } from './model-lane.js';
import type { ChosenRuntime } from './ort-setup.js';
import { processingSize } from './processing-size.js';
import type { UrlOptions } from './url-options.js';
import { VideoFrames } from './video-frames.js';

/** The page's elements the app drives (ids in index.html). */
export interface DemoElements {
  readonly status: HTMLElement;
  readonly counter: HTMLElement;
  readonly pipelineFps: HTMLElement;
  readonly lanes: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly frameCanvas: HTMLCanvasElement;
  readonly videoChoice: HTMLSelectElement;
  readonly videoFile: HTMLInputElement;
  readonly modelChoices: readonly [HTMLSelectElement, HTMLSelectElement];
  readonly modelFiles: readonly [HTMLInputElement, HTMLInputElement];
  readonly stepFps: HTMLInputElement;
  readonly opacity: HTMLInputElement;
  readonly compare: HTMLInputElement;
  readonly run: HTMLButtonElement;
  readonly step: HTMLButtonElement;
  readonly restart: HTMLButtonElement;
}

/** The video being segmented: the shipped clip (with its exact flow and labels) or a file the user opened. */
interface OpenVideo {
  readonly name: string;
  readonly fps: number;
  readonly frameCount: number;
  /** Packed exact flow of consecutive frames at the video's own size (shipped clip only). */
  readonly flows: Int8Array | undefined;
  /** Exact labels of every frame at the video's own size, frame after frame (shipped clip only). */
  readonly labels: Uint8Array | undefined;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The demo: opens a video, runs one or two models on it frame by frame (`Run`, `Step`), and shows
 * each model's overlay and figures side by side with the pipeline rate. `document.body.dataset`
 * carries `state` (loading, ready, running, paused, done, error) and `frame` (the last frame
 * processed) for automation.
 */
export class DemoApp {
  private readonly lanes: readonly [ModelLane, ModelLane];
  private readonly frames: VideoFrames;
  private readonly pipeline = new LatencyStats();
  private video: OpenVideo | undefined;
  /** The next frame to process; also the number processed since the last restart. */
  private position = 0;
  private running = false;

  constructor(
    private readonly ui: DemoElements,
    private readonly runtime: ChosenRuntime,
    private readonly manifest: DemoManifest,
    private readonly options: UrlOptions,
  ) {
    this.lanes = [new ModelLane('a'), new ModelLane('b')];
    ui.lanes.replaceChildren(...this.lanes.map((lane) => lane.element));
    this.frames = new VideoFrames(ui.video, ui.frameCanvas);
    for (const select of ui.modelChoices) {
      select.replaceChildren(...manifest.models.map((model) => new Option(model.title, model.id)), new Option('Open an .onnx file…', 'file'));
    }
    if (options.opacity !== undefined) ui.opacity.value = String(options.opacity);
    ui.compare.checked = options.compare;
  }

  /** Loads the shipped clip and models, wires the controls, and runs when `autoplay` is set. */
  async start(): Promise<void> {
    this.setState('loading');
    this.ui.status.textContent = 'Loading the clip and the models…';
    await this.openClip();
    const [first, second] = this.manifest.models;
    await Promise.all([first && this.showShippedModel(0, first.id), second && this.showShippedModel(1, second.id)]);
    this.ui.modelChoices.forEach((select, lane) => (select.value = this.manifest.models[lane]?.id ?? 'file'));
    this.wireControls();
    this.applyCompare();
    this.ui.status.textContent = 'Ready.';
    this.setState('ready');
    if (this.options.autoplay) void this.run();
  }

  private wireControls(): void {
    const { ui } = this;
    ui.run.addEventListener('click', () => (this.running ? this.pause() : void this.run()));
    ui.step.addEventListener('click', () => void this.guard(() => this.stepOnce()));
    ui.restart.addEventListener('click', () => this.restart());
    ui.compare.addEventListener('change', () => this.applyCompare());
    wireFileChoice(ui.videoChoice, ui.videoFile, {
      onFile: (file) => void this.guard(() => this.openFile(file)),
      onOption: () => void this.guard(() => this.openClip()),
    });
    ui.stepFps.addEventListener('change', () => {
      if (this.video && !this.video.flows) this.video = { ...this.video, fps: this.stepFps(), frameCount: this.frames.frameCount(this.stepFps()) };
      this.restart();
    });
    ui.modelChoices.forEach((select, lane) =>
      wireFileChoice(select, ui.modelFiles[lane]!, {
        onFile: (file) => void this.guard(async () => this.showModel(lane, new Uint8Array(await file.arrayBuffer()), file.name, file.name)),
        onOption: (id) => void this.guard(() => this.showShippedModel(lane, id)),
      }),
    );
    for (const button of [ui.run, ui.step, ui.restart]) button.disabled = false;
  }

  private async openClip(): Promise<void> {
    const clip = this.manifest.clip;
    const [url, flows, labels] = await Promise.all([fetchVideoUrl(clip.video), fetchGzipped(clip.flow), fetchGzipped(clip.labels)]);
    await this.frames.open(url);
    this.video = { name: 'shipped synthetic clip', fps: clip.fps, frameCount: clip.frames, flows: new Int8Array(flows), labels: new Uint8Array(labels) };
    this.ui.stepFps.value = String(clip.fps);
    this.ui.stepFps.disabled = true;
    this.restart();
  }

  private async openFile(file: File): Promise<void> {
    this.pause();
    await this.frames.open(URL.createObjectURL(file));
    this.ui.stepFps.disabled = false;
    this.video = { name: file.name, fps: this.stepFps(), frameCount: this.frames.frameCount(this.stepFps()), flows: undefined, labels: undefined };
    this.restart();
  }

  private async showShippedModel(lane: number, id: string): Promise<void> {
    const entry = this.manifest.models.find((model) => model.id === id);
    if (!entry) throw new Error(`no shipped model "${id}"`);
    await this.showModel(lane, await fetchBytes(entry.file), entry.file, entry.title);
  }

  private async showModel(lane: number, bytes: Uint8Array, name: string, title: string): Promise<void> {
    this.pause();
    await this.lanes[lane]!.setModel(await loadModel(this.runtime.runtime, bytes, name), title);
    this.restart();
  }

  private applyCompare(): void {
    this.lanes[1].element.hidden = !this.ui.compare.checked;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.ui.run.textContent = 'Pause';
    this.ui.step.disabled = true;
    this.setState('running');
    let finished = false;
    try {
      while (this.running) {
        if (!(await this.stepOnce())) {
          finished = true;
          break;
        }
      }
    } catch (error) {
      this.showError(error);
      return;
    } finally {
      this.running = false;
      this.ui.run.textContent = 'Run';
      this.ui.step.disabled = false;
    }
    this.setState(finished ? 'done' : 'paused');
  }

  private pause(): void {
    this.running = false;
  }

  private restart(): void {
    this.position = 0;
    this.pipeline.reset();
    for (const lane of this.lanes) lane.reset();
    this.ui.counter.textContent = this.video ? `${this.video.name}: ${this.video.frameCount} frames` : '';
    this.ui.pipelineFps.textContent = '–';
  }

  /** Processes the next frame; false when the video or the URL's frame budget is used up. */
  private async stepOnce(): Promise<boolean> {
    const video = this.video;
    if (!video || this.position >= video.frameCount) return false;
    // The URL's frame budget counts from the last restart (a new video, a new model, Restart).
    if (this.options.frames !== undefined && this.position >= this.options.frames) return false;
    const started = performance.now();
    const i = this.position;
    const lanes = this.lanes.filter((lane) => !lane.element.hidden && lane.loaded);
    const size = processingSize(this.frames.size, lanes.map((lane) => lane.loaded!.input));
    const frame = await this.frames.read(i, video.fps, size.width, size.height);
    const native = this.frames.size;
    // Flow and labels exist at the clip's own size only.
    const atNativeSize = size.width === native.width && size.height === native.height;
    const flow = video.flows && atNativeSize && i + 1 < video.frameCount ? unpackFlow(video.flows, size.width, size.height, i) : undefined;
    const pixels = size.width * size.height;
    const labels = video.labels && atNativeSize ? { ...size, data: video.labels.subarray(i * pixels, (i + 1) * pixels) } : undefined;
    const opacity = Number(this.ui.opacity.value);
    for (const lane of lanes) {
      try {
        await lane.process(i, frame, flow, labels, opacity);
      } catch (error) {
        lane.fail(message(error));
      }
    }
    this.pipeline.add(performance.now() - started);
    this.position++;
    const median = this.pipeline.quantile(0.5);
    this.ui.pipelineFps.textContent = Number.isNaN(median) ? '–' : (1000 / median).toFixed(1);
    this.ui.counter.textContent = `${video.name}: frame ${i + 1} of ${video.frameCount} (${size.width}x${size.height})`;
    document.body.dataset.frame = String(i);
    return true;
  }

  private stepFps(): number {
    const fps = Number(this.ui.stepFps.value);
    return fps >= 1 ? fps : 1;
  }

  /** Runs an action from a control, showing its error instead of losing it. */
  private async guard(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    this.ui.status.textContent = `Error: ${message(error)}`;
    this.setState('error');
  }

  private setState(state: string): void {
    document.body.dataset.state = state;
  }
}
