/** The `train.schedule` section and the step budget it applies to. */
export interface PolySchedule {
  readonly baseLr: number;
  readonly steps: number;
  readonly warmupSteps: number;
  readonly power: number;
}

/**
 * The learning rate of optimiser step `step` (0-based): linear warm-up to the base rate over
 * `warmupSteps` (step s uses base * (s + 1) / warmupSteps, so no step is wasted at 0), then the
 * poly decay base * (1 - step / steps)^power.
 */
export function learningRateAt(schedule: PolySchedule, step: number): number {
  if (step < schedule.warmupSteps) return (schedule.baseLr * (step + 1)) / schedule.warmupSteps;
  return schedule.baseLr * Math.max(0, 1 - step / schedule.steps) ** schedule.power;
}
