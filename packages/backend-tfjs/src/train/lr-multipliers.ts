import { ConfigError } from '@vidseg/core';

/**
 * The learning-rate multiplier of each trainable parameter. A key of `train.lrMultipliers` names a
 * parameter group of the model (`head`, `backbone`, as the model declares them) or a parameter-name
 * prefix (`decoder.`); a prefix wins over a group and the longest prefix wins among prefixes.
 * Parameters no key matches train at 1x. A key that matches nothing is a {@link ConfigError}.
 *
 * @param groups - group of each trainable parameter, by name.
 */
export function resolveLrMultipliers(
  groups: ReadonlyMap<string, string>,
  multipliers: Readonly<Record<string, number>>,
  configFile?: string,
): Map<string, number> {
  const keys = Object.keys(multipliers);
  const used = new Set<string>();
  const result = new Map<string, number>();
  for (const [name, group] of groups) {
    const prefix = keys.filter((key) => name.startsWith(key)).sort((a, b) => b.length - a.length)[0];
    const key = prefix ?? (keys.includes(group) ? group : undefined);
    if (key !== undefined) used.add(key);
    result.set(name, key === undefined ? 1 : multipliers[key]!);
  }
  const unused = keys.filter((key) => !used.has(key));
  if (unused.length > 0) {
    const known = [...new Set(groups.values())].join(', ');
    throw new ConfigError(
      unused.map((key) => ({
        path: `train.lrMultipliers.${key}`,
        message: `matches no trainable parameter: use a parameter group (${known}) or a parameter-name prefix`,
      })),
      configFile,
    );
  }
  return result;
}
