import { formatConfigPath, isUnderPath, type PathSegments } from './config-path.js';

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` is a plugin entry of another type than `existing` (`{ type: pspnet }` over
 * `{ type: espnet, variant: camvid }`): it then replaces the entry whole, since the old plugin's
 * options (`variant`) mean nothing to the new one.
 */
function namesAnotherPlugin(value: Record<string, Json>, existing: Record<string, Json>): boolean {
  return typeof value.type === 'string' && typeof existing.type === 'string' && value.type !== existing.type;
}

/**
 * Config layers merged in order (base files, the file, command-line overrides), remembering which
 * source set each value so errors can name the right file. Objects merge key by key, except that a
 * plugin entry naming another `type` replaces the old one whole; arrays and scalars replace what
 * was there.
 */
export class LayeredConfig {
  readonly value: Record<string, Json> = {};
  private readonly sources = new Map<string, string>();

  /** Merges a whole layer read from `source`. */
  merge(layer: Record<string, Json>, source: string): void {
    this.mergeInto(this.value, layer, [], source);
  }

  /** Sets one value at `segments` (creating objects on the way), as a `--set` override does. */
  set(segments: PathSegments, value: Json, source: string): void {
    let node: Json = this.value;
    segments.forEach((key, i) => {
      const container = node as Record<string | number, Json>;
      if (Array.isArray(container) && (typeof key !== 'number' || key > container.length)) {
        throw new TypeError(`${formatConfigPath(segments.slice(0, i))} is a list of ${container.length}: index ${String(key)} is out of range`);
      }
      if (i === segments.length - 1) {
        container[key] = structuredClone(value);
        return;
      }
      if (container[key] === undefined) container[key] = typeof segments[i + 1] === 'number' ? [] : {};
      node = container[key];
      if (typeof node !== 'object' || node === null) {
        throw new TypeError(`${formatConfigPath(segments.slice(0, i + 1))} is ${JSON.stringify(node)}, not an object or list`);
      }
    });
    this.record(segments, value, source);
  }

  /** The source that set the value at `path` (or the nearest value above or below it). */
  sourceOf(path: string): string | undefined {
    let best: string | undefined;
    let bestLength = -1;
    for (const [key, source] of this.sources) {
      if (isUnderPath(path, key) && key.length > bestLength) {
        best = source;
        bestLength = key.length;
      }
    }
    if (best !== undefined) return best;
    for (const [key, source] of this.sources) if (isUnderPath(key, path)) best = source;
    return best;
  }

  private mergeInto(target: Record<string, Json>, layer: Record<string, Json>, at: PathSegments, source: string): void {
    for (const [key, value] of Object.entries(layer)) {
      const path = [...at, key];
      const existing = target[key];
      if (isPlainObject(value) && isPlainObject(existing) && !namesAnotherPlugin(value, existing)) {
        this.mergeInto(existing, value, path, source);
      } else {
        target[key] = structuredClone(value);
        this.record(path, value, source);
      }
    }
  }

  private record(segments: PathSegments, value: Json, source: string): void {
    const path = formatConfigPath(segments);
    for (const key of [...this.sources.keys()]) if (isUnderPath(key, path)) this.sources.delete(key);
    this.sources.set(path, source);
    if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) this.record([...segments, k], v, source);
    else if (Array.isArray(value)) value.forEach((v, i) => this.record([...segments, i], v, source));
  }
}
