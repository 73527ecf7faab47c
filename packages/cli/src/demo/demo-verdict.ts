import type { SharedClassTc } from './shared-class-tc.js';

/** What the verdict compares of one model (fractions). */
export interface VerdictFigures {
  readonly miou: number;
  readonly tc: number;
  readonly vc2: number;
  /** Mean share of flickering pixels per frame pair of the report's animation (fraction), when measured. */
  readonly flicker?: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const points = (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d * 100).toFixed(1)} points`;

/**
 * The demo's verdict, computed from the numbers: whether the model trained with the temporal loss
 * is steadier than the baseline (TC and VC_2), by how much, at what accuracy (mIoU within 1 point
 * counts as the same) and at what cost per frame (`cost`, e.g. "the same network ...").
 */
export function demoVerdict(baseline: VerdictFigures, temporal: VerdictFigures, cost: string, shared?: SharedClassTc): string {
  const dTc = temporal.tc - baseline.tc;
  const dVc = temporal.vc2 - baseline.vc2;
  const dMiou = temporal.miou - baseline.miou;
  const tc = `TC ${pct(temporal.tc)} vs ${pct(baseline.tc)} (${points(dTc)})`;
  const vc = `VC_2 ${pct(temporal.vc2)} vs ${pct(baseline.vc2)} (${points(dVc)})`;
  let steadier: string;
  if (dTc > 0 && dVc > 0) steadier = `The model trained with the temporal loss is steadier than the baseline: ${tc} and ${vc}`;
  else if (dTc > 0 || dVc > 0) steadier = `The temporal loss helped on one measure of steadiness only: ${tc}, ${vc}`;
  else steadier = `The temporal loss did not make the model steadier here: ${tc}, ${vc}`;
  const flicker =
    temporal.flicker !== undefined && baseline.flicker !== undefined
      ? `; in the animation below its labels flicker on ${pct(temporal.flicker)} of the pixels per frame pair, against ${pct(baseline.flicker)}`
      : '';
  const miou = `mIoU ${pct(temporal.miou)} vs ${pct(baseline.miou)}, ${points(dMiou)}`;
  const accuracy =
    Math.abs(dMiou) <= 0.01 ? `at the same accuracy (${miou})` : dMiou < 0 ? `at a cost in accuracy (${miou})` : `and it is more accurate too (${miou})`;
  return `${steadier}${flicker}, ${accuracy}, and ${cost}.${shared ? sharedNote(shared) : ''}`;
}

const list = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** What the TC difference is worth when one model's TC counts classes the other's leaves out. */
function sharedNote(shared: SharedClassTc): string {
  if (shared.onlyBaseline.length === 0 && shared.onlyTemporal.length === 0) return '';
  const never = [
    ...(shared.onlyBaseline.length ? [`the model with the temporal loss never predicted ${list(shared.onlyBaseline)}`] : []),
    ...(shared.onlyTemporal.length ? [`the baseline never predicted ${list(shared.onlyTemporal)}`] : []),
  ];
  return (
    ` TC leaves out the classes a model never predicts, and ${never.join(', and ')} on these clips: on the ${shared.classes.length} classes both models predict, ` +
    `TC is ${pct(shared.temporal)} vs ${pct(shared.baseline)} (${points(shared.temporal - shared.baseline)}).`
  );
}
