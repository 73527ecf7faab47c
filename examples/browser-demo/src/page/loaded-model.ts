import { readOnnxModel, type ExportedInput } from '@vidseg/backend-ort';
import { DataError, type InferenceRuntime, type InferenceSession, type Palette } from '@vidseg/core';
import { fallbackPalette } from './fallback-palette.js';

/** A vidseg-exported model ready to run: session, input description, classes and display palette. */
export interface LoadedModel {
  readonly name: string;
  readonly session: InferenceSession;
  readonly input: ExportedInput;
  readonly palette: Palette;
  readonly ignoreLabel: number;
  readonly classes: readonly string[];
}

/**
 * Reads the vidseg metadata of ONNX bytes (classes, palette, input format) and opens a session.
 * A model not exported by vidseg is a {@link DataError} naming `name`.
 */
export async function loadModel(runtime: InferenceRuntime, bytes: Uint8Array, name: string): Promise<LoadedModel> {
  const info = readOnnxModel(bytes, name);
  const meta = info.vidseg;
  if (!meta) throw new DataError(`${name}: no vidseg metadata; the demo runs models exported by vidseg (they carry classes, palette and input format)`);
  const session = await runtime.createSession(bytes, { threads: 1 });
  const palette = meta.palette ?? fallbackPalette(meta.classes);
  return { name, session, input: meta.input, palette, ignoreLabel: palette.ignoreLabel, classes: meta.classes };
}
