import { colorOf, overlayLabels, type FlowField, type ImageFrame, type LabelMap } from '@vidseg/core';
import { VideoMeters } from '../common/video-meters.js';
import { segmentFrame } from '../common/segment-frame.js';
import { LatencyStats } from './latency-stats.js';
import type { LoadedModel } from './loaded-model.js';

/** Overlays are shown at a whole multiple of their size, up to this width in CSS pixels. */
const DISPLAY_WIDTH = 512;

const percent = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : `${(100 * value).toFixed(1)} %`);
const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`);

/**
 * One model on the page: a heading, the overlay canvas, the figures (latency, mIoU, TC,
 * flow-free TC) and the class legend. Each frame is segmented, drawn as the frame blended with the
 * class colours (core's overlayLabels), and fed to the video meters.
 */
export class ModelLane {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly figures: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly message: HTMLElement;
  private model: LoadedModel | undefined;
  private meters: VideoMeters | undefined;
  private readonly latency = new LatencyStats();

  constructor(readonly id: string) {
    this.element = document.createElement('div');
    this.element.className = 'lane';
    this.element.dataset.lane = id;
    this.heading = this.add('h3');
    this.canvas = this.add('canvas');
    this.figures = this.add('table');
    this.legend = this.add('div');
    this.legend.className = 'legend';
    this.message = this.add('p');
    this.message.className = 'error';
  }

  /** Shows `model` in this lane (releasing the previous one) under `title`. */
  async setModel(model: LoadedModel, title: string): Promise<void> {
    await this.model?.session.release();
    this.model = model;
    this.meters = new VideoMeters({ classes: model.classes, ignoreLabel: model.ignoreLabel });
    this.heading.textContent = title;
    this.message.textContent = '';
    this.legend.replaceChildren(
      ...model.classes.map((name, c) => {
        const item = document.createElement('span');
        const [r, g, b] = colorOf(model.palette, c);
        item.style.setProperty('--swatch', `rgb(${r}, ${g}, ${b})`);
        item.textContent = name;
        return item;
      }),
    );
    this.reset();
  }

  /** The model shown, if any. */
  get loaded(): LoadedModel | undefined {
    return this.model;
  }

  /** Shows an error in the lane instead of figures. */
  fail(message: string): void {
    this.message.textContent = message;
  }

  /** Forgets the figures (a new video or a restart). */
  reset(): void {
    this.latency.reset();
    this.meters?.reset();
    this.render(undefined);
  }

  /**
   * Segments frame `position`, draws the overlay with `opacity` and updates the figures;
   * `flowToNext` (the exact flow to the next frame) and `groundTruth` (the frame's exact labels)
   * when the video has them.
   */
  async process(position: number, frame: ImageFrame, flowToNext: FlowField | undefined, groundTruth: LabelMap | undefined, opacity: number): Promise<void> {
    const model = this.model;
    if (!model || !this.meters) return;
    // Model latency is the whole segmentFrame call (feed, session.run, output check), as index.html and the README define it.
    const started = performance.now();
    const labels = await segmentFrame(model.session, model.input, frame, model.name);
    this.latency.add(performance.now() - started);
    this.draw(frame, labels, model, opacity);
    this.meters.update(position, labels, flowToNext, groundTruth);
    this.render(position);
  }

  private draw(frame: ImageFrame, labels: LabelMap, model: LoadedModel, opacity: number): void {
    const blended = overlayLabels(frame, labels, model.palette, opacity);
    const rgba = new ImageData(frame.width, frame.height);
    for (let p = 0; p < frame.width * frame.height; p++) {
      rgba.data[4 * p] = blended.data[3 * p]!;
      rgba.data[4 * p + 1] = blended.data[3 * p + 1]!;
      rgba.data[4 * p + 2] = blended.data[3 * p + 2]!;
      rgba.data[4 * p + 3] = 255;
    }
    if (this.canvas.width !== frame.width || this.canvas.height !== frame.height) {
      this.canvas.width = frame.width;
      this.canvas.height = frame.height;
      // Whole multiples keep the pixelated scaling exact.
      this.canvas.style.width = `${frame.width * Math.max(1, Math.floor(DISPLAY_WIDTH / frame.width))}px`;
    }
    this.canvas.getContext('2d')!.putImageData(rgba, 0, 0);
  }

  private render(position: number | undefined): void {
    const figures = this.meters?.figures();
    const rows: [string, string, string][] = [
      ['latency-median', 'Model latency, median', ms(this.latency.quantile(0.5))],
      ['latency-p90', 'Model latency, p90', ms(this.latency.quantile(0.9))],
      ['miou', 'mIoU (exact labels)', figures && figures.miou === undefined ? 'no labels for this video' : percent(figures?.miou)],
      ['tc', 'TC (exact flow)', figures && figures.tc === undefined && figures.pairs > 0 ? 'no flow for this video' : percent(figures?.tc)],
      ['flow-free-tc', 'Flow-free TC', percent(figures && figures.pairs > 0 ? figures.flowFreeTc : undefined)],
      ['pairs', 'Frame pairs', String(figures?.pairs ?? 0)],
    ];
    this.figures.replaceChildren(
      ...rows.map(([key, label, value]) => {
        const row = document.createElement('tr');
        row.innerHTML = `<td></td><td data-stat="${key}"></td>`;
        row.cells[0]!.textContent = label;
        row.cells[1]!.textContent = value;
        return row;
      }),
    );
    this.element.dataset.frame = position === undefined ? '' : String(position);
  }

  private add<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] {
    return this.element.appendChild(document.createElement(tag));
  }
}
