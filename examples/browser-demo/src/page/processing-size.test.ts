import type { ExportedInput } from '@vidseg/backend-ort';
import { describe, expect, it } from 'vitest';
import { processingSize } from './processing-size.js';

const input = (size: [number, number] | null, multipleOf = 1): ExportedInput => ({ name: 'image', format: 'image-rgba', size, batch: 1, multipleOf });

describe('processingSize', () => {
  it('keeps small videos as they are for models of any size', () => {
    expect(processingSize({ width: 256, height: 192 }, [input(null), input(null)])).toEqual({ width: 256, height: 192 });
  });

  it('scales large videos to 480 on the longer side, in multiples every model accepts', () => {
    expect(processingSize({ width: 1920, height: 1080 }, [input(null, 8), input(null, 12)])).toEqual({ width: 480, height: 264 });
  });

  it('takes the first fixed input size', () => {
    expect(processingSize({ width: 1920, height: 1080 }, [input(null, 8), input([360, 480])])).toEqual({ width: 480, height: 360 });
  });
});
