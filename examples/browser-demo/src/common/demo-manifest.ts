/**
 * What `scripts/make-assets.ts` writes to `demo-assets/manifest.json` and the page reads: the
 * shipped clip, its exact flow, and the models with how they were trained and what they scored.
 * Paths are relative to the manifest.
 */
export interface DemoManifest {
  readonly clip: DemoClip;
  readonly models: readonly DemoModel[];
}

/** The synthetic clip shipped with the demo. */
export interface DemoClip {
  /** The WebM file (VP8, every frame a key frame). */
  readonly video: string;
  readonly frames: number;
  readonly fps: number;
  readonly width: number;
  readonly height: number;
  /** The exact flow F(t -> t+1) of every consecutive pair, packed (see `packed-flow.ts`) and gzip-compressed. */
  readonly flow: string;
  /** The exact labels of every frame (one class id per pixel, frame after frame), gzip-compressed. */
  readonly labels: string;
  /** How the clip was made: the `synthetic` dataset options of @vidseg/data. */
  readonly source: Readonly<Record<string, unknown>>;
}

/** A model shipped with the demo. */
export interface DemoModel {
  /** Short id, also the file stem. */
  readonly id: string;
  /** Label shown on the page. */
  readonly title: string;
  readonly file: string;
  /** How it was trained, in words. */
  readonly training: string;
  /** Measured by the asset script in Node on the rendered clip frames (before video encoding), against the exact labels and flow. */
  readonly measured: { readonly miou: number; readonly tc: number; readonly flowFreeTc: number };
}
