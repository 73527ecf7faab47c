import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Compressed files by path, made once per server (onnxruntime-web's 28 MB binary gzips to about 7 MB). */
type GzipCache = Map<string, Promise<Buffer>>;

/**
 * A middleware that serves the `.wasm` files under `root` gzip-compressed to clients that accept
 * gzip. Vite's preview server compresses only text types, so it sent onnxruntime-web's 28 MB
 * binary as it is; other requests pass through.
 */
export function gzipWasm(root: string, cache: GzipCache = new Map()): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path));
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (request.method !== 'GET' || !path.endsWith('.wasm') || !acceptsGzip || !file.startsWith(normalize(root + sep))) {
      next();
      return;
    }
    let compressed = cache.get(file);
    if (!compressed) {
      compressed = readFile(file).then((bytes) => gzipSync(bytes));
      cache.set(file, compressed);
      compressed.catch(() => cache.delete(file));
    }
    compressed.then(
      (body) => response.writeHead(200, { 'content-type': 'application/wasm', 'content-encoding': 'gzip', vary: 'Accept-Encoding', 'content-length': body.length }).end(body),
      () => next(),
    );
  };
}
