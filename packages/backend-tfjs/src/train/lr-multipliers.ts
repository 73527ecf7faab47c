import { ConfigError } from '@vidseg/core';

/** The `train.lrMultipliers` key of the parameters `model.init` did not load. */
export const REINITIALIZED = 'reinitialized';

/**
 * The learning-rate multiplier of each trainable parameter. A key of `train.lrMultipliers` names a
 * parameter group of the model (`head`, `backbone`, as the model declares them), the group
 * `reinitialized` (the parameters `model.init` did not load), or a parameter-name prefix
 * (`decoder.`). A prefix wins over `reinitialized`, which wins over the model's groups; the longest
 * prefix wins among prefixes. Parameters no key matches train at 1x. A key that matches nothing is
 * a {@link ConfigError}.
 *
 * @param groups - group of each trainable parameter, by name.
 * @param reinitialized - the parameters `model.init` left at their initialisation.
 */
export function resolveLrMultipliers(
  groups: ReadonlyMap<string, string>,
  multipliers: Readonly<Record<string, number>>,
  configFile?: string,
  reinitialized: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const keys = Object.keys(multipliers);
  const result = new Map<string, number>();
  for (const [name, group] of groups) {
    const prefix = keys.filter((key) => name.startsWith(key)).sort((a, b) => b.length - a.length)[0];
    const fresh = reinitialized.has(name) && keys.includes(REINITIALIZED) ? REINITIALIZED : undefined;
    const key = prefix ?? fresh ?? (keys.includes(group) ? group : undefined);
    result.set(name, key === undefined ? 1 : multipliers[key]!);
  }
  // A key is a mistake only when it names no parameter at all (one overridden by a more specific key still names some).
  const names = (key: string) =>
    [...groups].some(([name, group]) => name.startsWith(key) || group === key || (key === REINITIALIZED && reinitialized.has(name)));
  const unused = keys.filter((key) => !names(key));
  if (unused.length > 0) {
    const known = [...new Set(groups.values())].join(', ');
    throw new ConfigError(
      unused.map((key) => ({
        path: `train.lrMultipliers.${key}`,
        message:
          key === REINITIALIZED
            ? 'matches no trainable parameter: the group "reinitialized" holds the parameters model.init did not load, and this run loads every one (or has no model.init)'
            : `matches no trainable parameter: use a parameter group (${known}, ${REINITIALIZED} with model.init) or a parameter-name prefix`,
      })),
      configFile,
    );
  }
  return result;
}
