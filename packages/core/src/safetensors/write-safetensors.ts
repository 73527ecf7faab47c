import { UsageError } from '../errors/vidseg-error.js';
import type { NamedTensors } from './host-tensor.js';
import { elementCount } from './host-tensor.js';

/**
 * Serialises tensors (in map order) and string metadata to the safetensors format: an 8-byte
 * little-endian header length, a JSON header padded with spaces to a multiple of 8 bytes, then the
 * tensors' bytes back to back. A tensor whose data length does not match its shape is a
 * {@link UsageError} naming it.
 */
export function writeSafetensors(tensors: NamedTensors, metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, tensor] of tensors) {
    if (tensor.data.length !== elementCount(tensor.shape)) {
      throw new UsageError(
        `writeSafetensors: tensor "${name}": shape [${tensor.shape.join(', ')}] needs ${elementCount(tensor.shape)} elements, its data has ${tensor.data.length}`,
      );
    }
    const size = tensor.data.byteLength;
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  const jsonBytes = new TextEncoder().encode(json);
  const padding = (8 - (jsonBytes.length % 8)) % 8;
  json += ' '.repeat(padding);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const tensor of tensors.values()) {
    out.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), position);
    position += tensor.data.byteLength;
  }
  return out;
}
