import { UsageError, type CoordinateMode } from '@vidseg/core';

const MODES: readonly CoordinateMode[] = ['half-pixel', 'align-corners', 'asymmetric'];

/** The input coordinate output index `o` reads, before clamping to [0, inLength - 1]. */
export function sourceCoordinate(o: number, inLength: number, outLength: number, mode: CoordinateMode): number {
  switch (mode) {
    case 'half-pixel':
      return ((o + 0.5) * inLength) / outLength - 0.5;
    case 'align-corners':
      return outLength === 1 ? 0 : (o * (inLength - 1)) / (outLength - 1);
    case 'asymmetric':
      return (o * inLength) / outLength;
    default:
      throw new UsageError(`unknown resize coordinate mode '${String(mode)}'; expected one of ${MODES.join(', ')}`);
  }
}
