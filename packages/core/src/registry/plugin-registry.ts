import type { DependencyContainer } from '../di/tsyringe.js';
import { z } from 'zod';
import { ConfigError, joinConfigPath } from '../errors/config-error.js';
import { InternalError } from '../errors/vidseg-error.js';
import { didYouMean } from '../text/did-you-mean.js';
import { objectKeys, problemsFromZod } from '../config/zod-problems.js';
import { TOKENS } from '../di/tokens.js';
import { PLUGIN_KIND_LABELS, type PluginKind } from './plugin-kind.js';
import type { PluginContracts } from './plugin-contracts.js';
import { pluginContext } from './plugin-context.js';
import type { PluginEntry, PluginRegistration } from './plugin-registration.js';

/** Where a plugin entry sits in a config, for error messages. */
export interface EntryLocation {
  /** Config path of the entry, e.g. `losses[1]`. */
  readonly path: string;
  /** The config file it came from. */
  readonly file?: string;
}

/** What `vidseg list` and the generated docs show for one plugin. */
export interface PluginDescription {
  readonly kind: PluginKind;
  readonly name: string;
  readonly packageName: string;
  readonly description: string;
  /** JSON Schema of the options (input side: shows defaults and what may be omitted). */
  readonly optionsSchema: Record<string, unknown>;
}

/**
 * Plugins by kind and name. Packages add theirs with `register(container)`; runs build them from
 * config entries. Lives in a container under {@link TOKENS.pluginRegistry}: see {@link pluginRegistry}.
 */
export class PluginRegistry {
  private readonly plugins = new Map<string, PluginRegistration>();

  /**
   * Adds a plugin; what it builds must implement its kind's contract ({@link PluginContracts}).
   * Registering the same registration again is a no-op; another registration under the same kind
   * and name is an error naming both packages.
   */
  add<K extends PluginKind>(registration: PluginRegistration<PluginContracts[K], any, K>): void {
    const key = `${registration.kind}:${registration.name}`;
    const existing = this.plugins.get(key);
    if (existing === registration) return;
    if (existing) {
      throw new InternalError(
        `${registration.kind} "${registration.name}" is registered twice: by ${existing.packageName} and by ${registration.packageName}`,
        { hint: 'rename one of the plugins, or load only one of the two packages' },
      );
    }
    this.plugins.set(key, registration);
  }

  /** Names registered for `kind`, sorted. */
  names(kind: PluginKind): string[] {
    return [...this.plugins.values()].filter((r) => r.kind === kind).map((r) => r.name).sort();
  }

  /**
   * The names of `kind` that an `auto` choice may pick, highest {@link PluginRegistration.priority}
   * first (ties by name): how `auto` training backends and inference runtimes choose.
   */
  byPriority(kind: PluginKind): string[] {
    return [...this.plugins.values()]
      .filter((r) => r.kind === kind && r.priority !== undefined)
      .sort((a, b) => b.priority! - a.priority! || a.name.localeCompare(b.name))
      .map((r) => r.name);
  }

  /** Whether `kind` has a plugin called `name`. */
  has(kind: PluginKind, name: string): boolean {
    return this.plugins.has(`${kind}:${name}`);
  }

  /**
   * The registration of `kind`/`name`; an unknown name is a {@link ConfigError} at
   * `location.path` listing the known names with a did-you-mean.
   */
  get(kind: PluginKind, name: string, location: EntryLocation = { path: '' }): PluginRegistration {
    const registration = this.plugins.get(`${kind}:${name}`);
    if (registration) return registration;
    const known = this.names(kind);
    const list = known.length > 0 ? known.join(', ') : '(none registered: is the package that provides it in `plugins`?)';
    throw new ConfigError(
      [{ path: joinConfigPath(location.path, 'type'), message: `unknown ${kind} "${name}"${didYouMean(name, known)}; known ${PLUGIN_KIND_LABELS[kind]}: ${list}` }],
      location.file,
    );
  }

  /**
   * Validates a config entry's options against the plugin's schema (unknown keys and wrong types
   * are {@link ConfigError}s at their config path) and returns them with defaults applied. Options
   * the plugin declares as nested plugin entries are validated the same way, at their own paths.
   */
  validate(kind: PluginKind, entry: PluginEntry, location: EntryLocation = { path: '' }): { registration: PluginRegistration; options: unknown } {
    const { type, options: raw } = splitEntry(entry, location);
    const registration = this.get(kind, type, location);
    const options = validateOptions(registration.options, raw, location, `${kind} "${type}"`);
    for (const [key, nestedKind] of Object.entries(registration.nestedEntries ?? {})) {
      const nested = raw[key];
      if (nested !== undefined) this.validate(nestedKind, nested as PluginEntry, { ...location, path: joinConfigPath(location.path, key) });
    }
    return { registration, options };
  }

  /**
   * Builds the plugin a config entry names, in a child container of `container` that holds the
   * validated options under {@link TOKENS.pluginOptions}. It has its kind's contract type
   * ({@link PluginContracts}): `create(c, 'dataset', ...)` is a `ClipDataset`.
   */
  create<K extends PluginKind>(container: DependencyContainer, kind: K, entry: PluginEntry, location: EntryLocation = { path: '' }): PluginContracts[K] {
    const { registration, options } = this.validate(kind, entry, location);
    const child = container.createChildContainer();
    child.register(TOKENS.pluginOptions, { useValue: options });
    // add() let in only registrations of this kind whose instances implement its contract.
    const built = 'implementation' in registration ? child.resolve(registration.implementation) : registration.factory(options, pluginContext(child, this));
    return built as PluginContracts[K];
  }

  /** Descriptions of every plugin (of one kind when given), sorted by kind then name. */
  describe(kind?: PluginKind): PluginDescription[] {
    return [...this.plugins.values()]
      .filter((r) => kind === undefined || r.kind === kind)
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
      .map((r) => ({
        kind: r.kind,
        name: r.name,
        packageName: r.packageName,
        description: r.description,
        optionsSchema: z.toJSONSchema(r.options, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
      }));
  }
}

/**
 * Validates an options object against a zod object schema: unknown keys (with a did-you-mean) and
 * wrong values are one {@link ConfigError} with their config paths under `location.path`; returns
 * the options with defaults applied. `owner` names what the options are for, e.g. `loss "temporal"`.
 */
export function validateOptions<T>(schema: z.ZodType<T>, raw: unknown, location: EntryLocation, owner: string): T {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!record) throw new ConfigError([{ path: location.path, message: `expected an object of options for ${owner}, got ${JSON.stringify(raw)}` }], location.file);
  const allowed = objectKeys(schema);
  const problems = Object.keys(record)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({
      path: joinConfigPath(location.path, key),
      message: `unknown option "${key}" for ${owner}${didYouMean(key, allowed)}; options: ${allowed.join(', ') || '(none)'}`,
    }));
  if (problems.length > 0) throw new ConfigError(problems, location.file);
  const parsed = schema.safeParse(record);
  if (!parsed.success) throw new ConfigError(problemsFromZod(parsed.error, schema, location.path), location.file);
  return parsed.data;
}

function splitEntry(entry: PluginEntry, location: EntryLocation): { type: string; options: Record<string, unknown> } {
  if (typeof entry === 'string') return { type: entry, options: {} };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new ConfigError([{ path: location.path, message: `expected a plugin entry like { type: name, ...options }, got ${JSON.stringify(entry)}` }], location.file);
  }
  const { type, ...options } = entry;
  if (typeof type !== 'string' || type.length === 0) {
    throw new ConfigError([{ path: joinConfigPath(location.path, 'type'), message: 'missing value: expected the plugin name as a string' }], location.file);
  }
  return { type, options };
}

/**
 * The registry held by `container` (or one of its ancestors); created in `container` on first use.
 * Packages call this from their `register(container)`.
 */
export function pluginRegistry(container: DependencyContainer): PluginRegistry {
  if (container.isRegistered(TOKENS.pluginRegistry, true)) return container.resolve<PluginRegistry>(TOKENS.pluginRegistry);
  const registry = new PluginRegistry();
  container.register(TOKENS.pluginRegistry, { useValue: registry });
  return registry;
}
