import { DataError, type FlowField } from '@vidseg/core';

/** The tag that starts every Middlebury .flo file: the float 202021.25 ("PIEH" in ASCII). */
const FLO_TAG = 202021.25;
const HEADER_BYTES = 12;

/** Encodes a flow as a Middlebury .flo file: tag, width, height (little-endian), then (u, v) float32 per pixel. */
export function encodeFlo(flow: FlowField): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + flow.data.length * 4);
  const view = new DataView(bytes.buffer);
  view.setFloat32(0, FLO_TAG, true);
  view.setInt32(4, flow.width, true);
  view.setInt32(8, flow.height, true);
  for (let i = 0; i < flow.data.length; i++) view.setFloat32(HEADER_BYTES + 4 * i, flow.data[i]!, true);
  return bytes;
}

/** Decodes a Middlebury .flo file; `file` names it in the DataError a malformed file raises. */
export function decodeFlo(bytes: Uint8Array, file: string): FlowField {
  if (bytes.length < HEADER_BYTES) throw new DataError(`${file}: ${bytes.length} bytes is too short for a .flo file (12-byte header expected)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = view.getFloat32(0, true);
  if (tag !== FLO_TAG) throw new DataError(`${file}: not a Middlebury .flo file (the first 4 bytes should read PIEH, the float ${FLO_TAG})`);
  const width = view.getInt32(4, true);
  const height = view.getInt32(8, true);
  const expected = HEADER_BYTES + width * height * 8;
  if (width <= 0 || height <= 0 || bytes.length !== expected) {
    throw new DataError(`${file}: a ${width}x${height} .flo file should have ${expected} bytes, it has ${bytes.length} (truncated or corrupt)`);
  }
  const data = new Float32Array(width * height * 2);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(HEADER_BYTES + 4 * i, true);
  return { width, height, data };
}
