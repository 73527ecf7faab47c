import { describe, expect, it } from 'vitest';
import { describeStudent } from './describe-student.js';

describe('describeStudent', () => {
  it('names the network in words with its size and cost', () => {
    expect(describeStudent({ type: 'mobilenetv2', widthMultiplier: 0.35, outputStride: 16, headChannels: 64 }, 258219, 0.0612, [120, 160])).toBe(
      'MobileNetV2 x0.35 (output stride 16, 64-channel head), 0.26 M parameters, 61 MFLOPs per 120x160 frame',
    );
    expect(describeStudent({ type: 'custom-net' }, 1.5e6, 1.234, [360, 480])).toBe('custom-net, 1.50 M parameters, 1.23 GFLOPs per 360x480 frame');
  });
});
