import type { DemoManifest } from '../common/demo-manifest.js';

/** Where the shipped assets are served, relative to the page. */
const ASSETS = 'demo/';

async function fetchOk(path: string): Promise<Response> {
  const response = await fetch(new URL(path, new URL(ASSETS, document.baseURI)));
  if (!response.ok) throw new Error(`${ASSETS}${path}: HTTP ${response.status} ${response.statusText}`);
  return response;
}

/** The manifest of the shipped clip and models. */
export async function fetchManifest(): Promise<DemoManifest> {
  return (await (await fetchOk('manifest.json')).json()) as DemoManifest;
}

/** Bytes of a shipped file (a model). */
export async function fetchBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchOk(path)).arrayBuffer());
}

/** A blob: URL of a shipped video (blob URLs are seekable whatever the server does with range requests). */
export async function fetchVideoUrl(path: string): Promise<string> {
  return URL.createObjectURL(await (await fetchOk(path)).blob());
}

/** A gzip-compressed shipped file (flow, labels), gunzipped by the browser. */
export async function fetchGzipped(path: string): Promise<ArrayBuffer> {
  const body = (await fetchOk(path)).body;
  if (!body) throw new Error(`${ASSETS}${path}: empty response`);
  return new Response(body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}
