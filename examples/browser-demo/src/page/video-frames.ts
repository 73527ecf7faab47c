import type { ImageFrame } from '@vidseg/core';

const once = (target: EventTarget, event: string) => new Promise<Event>((resolve) => target.addEventListener(event, resolve, { once: true }));

/** Resolves after two animation frames (the decoded frame is then drawable), or after 200 ms when the tab is hidden. */
const nextPaint = () => new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, 200);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    clearTimeout(timer);
    resolve();
  }));
});

/**
 * Reads a video frame by frame: frame i is the one shown at time (i + 0.5) / fps, reached by
 * seeking the paused `<video>` element, drawn to a canvas at the processing size and read back
 * with getImageData (RGBA). The source must be seekable: a blob: URL always is (a plain http URL
 * only when the server answers range requests), so callers pass blob URLs.
 */
export class VideoFrames {
  private readonly context: CanvasRenderingContext2D;
  private url: string | undefined;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly canvas: HTMLCanvasElement,
  ) {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('this browser gives no 2D canvas context');
    this.context = context;
  }

  /** Loads `url` (a blob: URL, revoked when the next one is opened) and waits until its first frame can be drawn. */
  async open(url: string): Promise<void> {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = url;
    this.video.muted = true;
    this.video.preload = 'auto';
    const loaded = Promise.race([once(this.video, 'loadeddata'), once(this.video, 'error')]);
    this.video.src = url;
    await loaded;
    if (this.video.error) throw new Error(`the browser cannot play this video (${this.video.error.message || `media error ${this.video.error.code}`})`);
  }

  /** Width and height of the video as decoded. */
  get size(): { readonly width: number; readonly height: number } {
    return { width: this.video.videoWidth, height: this.video.videoHeight };
  }

  /** How many frames of `fps` the video holds. */
  frameCount(fps: number): number {
    return Math.max(1, Math.round(this.video.duration * fps));
  }

  /** Frame `index` at `fps`, scaled to `width` x `height`, as RGBA pixels. */
  async read(index: number, fps: number, width: number, height: number): Promise<ImageFrame> {
    const time = Math.min((index + 0.5) / fps, this.video.duration);
    if (Math.abs(this.video.currentTime - time) > 1e-6) {
      const seeked = once(this.video, 'seeked');
      this.video.currentTime = time;
      await seeked;
      await nextPaint();
    }
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(this.video, 0, 0, width, height);
    const { data } = this.context.getImageData(0, 0, width, height);
    return { width, height, channels: 4, data };
  }
}
