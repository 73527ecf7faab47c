import type { onnx } from 'onnx-proto';
import { onnxSchema } from './onnx-schema.js';

const AttributeType = onnxSchema.AttributeProto.AttributeType;

/** An integer attribute. */
export function intAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: AttributeType.INT, i: value };
}

/** A list-of-integers attribute. */
export function intsAttribute(name: string, values: readonly number[]): onnx.IAttributeProto {
  return { name, type: AttributeType.INTS, ints: [...values] };
}

/** A float attribute. */
export function floatAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: AttributeType.FLOAT, f: value };
}

/** A string attribute (UTF-8). */
export function stringAttribute(name: string, value: string): onnx.IAttributeProto {
  return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
}
