/** Display names of the zoo's networks. */
const NETWORK_NAMES: Readonly<Record<string, string>> = { mobilenetv2: 'MobileNetV2', espnet: 'ESPNet', pspnet: 'PSPNet', tiny: 'tiny test network' };

/**
 * The network of a config's `model` entry in words, e.g. "MobileNetV2 x0.35 (output stride 16,
 * 64-channel head), 0.26 M parameters, 0.05 GFLOPs per 120x160 frame".
 */
export function describeStudent(entry: Readonly<Record<string, unknown>>, params: number, gflops: number, size: readonly [number, number]): string {
  const type = String(entry['type']);
  const name = NETWORK_NAMES[type] ?? type;
  const width = typeof entry['widthMultiplier'] === 'number' ? ` x${entry['widthMultiplier']}` : '';
  const details = [
    ...(typeof entry['outputStride'] === 'number' ? [`output stride ${entry['outputStride']}`] : []),
    ...(typeof entry['headChannels'] === 'number' ? [`${entry['headChannels']}-channel head`] : []),
  ];
  const shape = details.length > 0 ? ` (${details.join(', ')})` : '';
  return `${name}${width}${shape}, ${(params / 1e6).toFixed(2)} M parameters, ${gflops < 0.1 ? (gflops * 1000).toFixed(0) + ' MFLOPs' : gflops.toFixed(2) + ' GFLOPs'} per ${size[0]}x${size[1]} frame`;
}
