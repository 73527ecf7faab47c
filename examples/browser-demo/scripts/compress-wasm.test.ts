import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipWasm } from './compress-wasm.js';

describe('gzipWasm', () => {
  it('serves .wasm files gzip-compressed to clients that accept gzip, and passes everything else on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vidseg-wasm-'));
    const wasm = Buffer.alloc(100_000, 7);
    writeFileSync(join(root, 'ort.wasm'), wasm);
    const middleware = gzipWasm(root);
    const server = createServer((request, response) => middleware(request, response, () => response.writeHead(204).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // node:http, not fetch: fetch would undo the compression this checks.
      const { status, headers, body } = await new Promise<{ status: number | undefined; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        get(`${url}/ort.wasm`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(status).toBe(200);
      expect(headers['content-encoding']).toBe('gzip');
      expect(headers['content-type']).toBe('application/wasm');
      expect(body.length).toBeLessThan(wasm.length / 10);
      expect(gunzipSync(body).equals(wasm)).toBe(true);
      expect((await fetch(`${url}/ort.wasm`, { headers: { 'accept-encoding': 'identity' } })).status).toBe(204);
      expect((await fetch(`${url}/index.html`, { headers: { 'accept-encoding': 'gzip' } })).status).toBe(204);
      expect((await fetch(`${url}/../outside.wasm`, { headers: { 'accept-encoding': 'gzip' } })).status).toBe(204);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
