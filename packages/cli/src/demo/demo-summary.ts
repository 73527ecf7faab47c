import { writeFileAtomic } from '@vidseg/core/node';

/** One model of the demo's summary.json (fractions for the metrics). */
export interface DemoSummaryModel {
  readonly title: string;
  readonly miou: number;
  readonly tc: number;
  readonly vc2: number;
  readonly params: number;
  readonly msPerFrame: number;
  /** Mean share of flickering pixels per frame pair of the report's animation. */
  readonly flicker: number | null;
  readonly onnx: string;
}

/** `summary.json` of a demo folder: what scripts and CI read of the outcome. */
export interface DemoSummary {
  readonly seed: number;
  readonly steps: number;
  readonly student: string;
  readonly heldOut: string;
  readonly runtime: string;
  readonly verdict: string;
  /** TC over the classes both models' TC counts (see sharedClassTc), and the classes only one counts. */
  readonly tcSharedClasses: {
    readonly classes: readonly string[];
    readonly baseline: number;
    readonly temporal: number;
    readonly onlyBaseline: readonly string[];
    readonly onlyTemporal: readonly string[];
  };
  readonly wallSeconds: number;
  readonly models: { readonly baseline: DemoSummaryModel; readonly temporal: DemoSummaryModel };
}

/** Writes `summary` as pretty JSON (atomically). */
export async function writeDemoSummary(path: string, summary: DemoSummary): Promise<void> {
  await writeFileAtomic(path, new TextEncoder().encode(`${JSON.stringify(summary, null, 2)}\n`));
}
