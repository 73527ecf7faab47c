import type { RuntimeChoice } from './ort-setup.js';

/** Page options from the URL query, for links and automated runs (`?autoplay=1&frames=6&opacity=1`). */
export interface UrlOptions {
  /** Start running as soon as the models are loaded. */
  readonly autoplay: boolean;
  /** Stop after this many frames, counted from the start and again from every restart (default: the whole video). */
  readonly frames: number | undefined;
  /** Overlay opacity 0..1, when given. */
  readonly opacity: number | undefined;
  /** Show the second model (default true). */
  readonly compare: boolean;
  readonly runtime: RuntimeChoice;
}

/** Reads {@link UrlOptions} from a query string; malformed values are an Error naming the parameter. */
export function readUrlOptions(search: string): UrlOptions {
  const query = new URLSearchParams(search);
  const number = (name: string, low: number, high: number): number | undefined => {
    const text = query.get(name);
    if (text === null) return undefined;
    const value = Number(text);
    if (!(value >= low && value <= high)) throw new Error(`URL parameter ${name}=${text}: expected a number in [${low}, ${high}]`);
    return value;
  };
  const runtime = query.get('runtime') ?? 'auto';
  if (runtime !== 'auto' && runtime !== 'wasm' && runtime !== 'webgpu') throw new Error(`URL parameter runtime=${runtime}: expected auto, wasm or webgpu`);
  const frames = number('frames', 1, 1e6);
  return {
    autoplay: query.get('autoplay') === '1',
    frames: frames === undefined ? undefined : Math.floor(frames),
    opacity: number('opacity', 0, 1),
    compare: query.get('compare') !== '0',
    runtime,
  };
}
