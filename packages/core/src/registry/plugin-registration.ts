import type { z } from 'zod';
import type { PluginContext } from './plugin-context.js';
import type { PluginKind } from './plugin-kind.js';

interface RegistrationBase<TOptions, K extends PluginKind> {
  readonly kind: K;
  /** The name a config uses in `type:`, e.g. `cross-entropy`. Lower-case, words joined by `-`. */
  readonly name: string;
  /** The npm package that registers it, e.g. `@vidseg/losses` (named in duplicate errors). */
  readonly packageName: string;
  /** One sentence for `vidseg list` and the generated docs. */
  readonly description: string;
  /** Schema of the options (the config entry without `type`), with defaults. Must be a zod object. */
  readonly options: z.ZodType<TOptions>;
  /**
   * Options that are plugin entries themselves, with their kind (a zoo teacher's `model`, a cached
   * flow's `estimator`): validating the entry validates them too, at their own config paths.
   */
  readonly nestedEntries?: Readonly<Record<string, PluginKind>>;
  /**
   * Rank among the plugins of its kind that an `auto` choice may pick (training backend, inference
   * runtime): `auto` takes the usable one of highest priority. Absent: picked only when named.
   */
  readonly priority?: number;
}

/** A class whose instances the container can build. */
export type Constructor<T> = new (...args: any[]) => T;

/** A plugin built by the container: its constructor takes `@inject(TOKENS.pluginOptions)` options. */
export interface ClassRegistration<TInstance, TOptions, K extends PluginKind = PluginKind> extends RegistrationBase<TOptions, K> {
  readonly implementation: Constructor<TInstance>;
}

/** A plugin built by a function of its validated options and the run's {@link PluginContext}. */
export interface FactoryRegistration<TInstance, TOptions, K extends PluginKind = PluginKind> extends RegistrationBase<TOptions, K> {
  readonly factory: (options: TOptions, context: PluginContext) => TInstance;
}

/**
 * What a package registers for one plugin: how to build a `TInstance` (which must implement the
 * {@link PluginContracts} entry of its kind) from options of type `TOptions`.
 */
export type PluginRegistration<TInstance = unknown, TOptions = any, K extends PluginKind = PluginKind> =
  | ClassRegistration<TInstance, TOptions, K>
  | FactoryRegistration<TInstance, TOptions, K>;

/** A config entry naming a plugin: `{ type: 'temporal', alpha: 1 }`, or just `'temporal'`. */
export type PluginEntry = string | ({ readonly type: string } & Readonly<Record<string, unknown>>);
