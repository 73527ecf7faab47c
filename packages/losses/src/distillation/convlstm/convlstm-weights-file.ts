import { DataError, readSafetensors, writeSafetensors } from '@vidseg/core';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@vidseg/core/node';
import { ConvLstmCell, type ConvLstmShape } from './convlstm-cell.js';

/**
 * Saves the cell's weights as safetensors (PyTorch layout, `gates.<gate>.weight|bias` per gate, as `ConvLstmCell.toNamedTensors`)
 * with `metadata`, atomically.
 */
export async function saveConvLstm(path: string, cell: ConvLstmCell, metadata: Readonly<Record<string, string>>): Promise<void> {
  await writeFileAtomic(path, writeSafetensors(await cell.toNamedTensors(), metadata));
}

/** Loads a cell of `shape` saved by {@link saveConvLstm} (or by PyTorch with the same names). */
export async function loadConvLstm(path: string, shape: ConvLstmShape): Promise<ConvLstmCell> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DataError(`cannot read the ConvLSTM weights ${path}: ${(error as Error).message}`, { cause: error });
  }
  return ConvLstmCell.fromNamedTensors(shape, readSafetensors(bytes, path).tensors, path);
}
