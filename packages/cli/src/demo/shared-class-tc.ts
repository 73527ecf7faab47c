/** TC restricted to the classes that both models' TC counts, and the classes only one of them counts. */
export interface SharedClassTc {
  readonly baseline: number;
  readonly temporal: number;
  /** Classes both TCs count (union > 0 for both models). */
  readonly classes: readonly string[];
  /** Classes only the baseline's (temporal model's) TC counts: the other model never predicted them on the held-out pairs. */
  readonly onlyBaseline: readonly string[];
  readonly onlyTemporal: readonly string[];
}

/**
 * TC is a mean over the classes that occur (union > 0), so a model that stops predicting a rare
 * class (whose TC was low) gains TC without being steadier on any class. This compares the two
 * models on the classes both TCs count, from their per-class TC (NaN or absent where not counted).
 */
export function sharedClassTc(baseline: Readonly<Record<string, number>>, temporal: Readonly<Record<string, number>>): SharedClassTc {
  const counted = (record: Readonly<Record<string, number>>, name: string) => Number.isFinite(record[name]);
  const names = [...new Set([...Object.keys(baseline), ...Object.keys(temporal)])];
  const classes = names.filter((name) => counted(baseline, name) && counted(temporal, name));
  const mean = (record: Readonly<Record<string, number>>) => (classes.length ? classes.reduce((sum, name) => sum + record[name]!, 0) / classes.length : Number.NaN);
  return {
    baseline: mean(baseline),
    temporal: mean(temporal),
    classes,
    onlyBaseline: names.filter((name) => counted(baseline, name) && !counted(temporal, name)),
    onlyTemporal: names.filter((name) => counted(temporal, name) && !counted(baseline, name)),
  };
}
