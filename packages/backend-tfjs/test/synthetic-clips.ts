import { SeededRandom, type ClipDataset, type ClipFrame, type ClipSample, type ClipSampler, type RandomSource, type SequenceFrame } from '@vidseg/core';

/** Colours of the three classes: background, a red square, a blue square. */
const COLOURS = [
  [110, 110, 110],
  [200, 40, 40],
  [40, 60, 200],
] as const;

/** A frame with a red and a blue square on grey, with noise, and its exact labels. */
export function squaresFrame(random: RandomSource, height: number, width: number, id: string): ClipFrame {
  const image = new Uint8Array(height * width * 3);
  const label = new Uint8Array(height * width);
  const side = Math.floor(Math.min(height, width) / 3);
  const place = () => [Math.floor(random.next() * (height - side)), Math.floor(random.next() * (width - side))] as const;
  const squares = [place(), place()];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let cls = 0;
      squares.forEach(([top, left], i) => {
        if (y >= top && y < top + side && x >= left && x < left + side) cls = i + 1;
      });
      label[y * width + x] = cls;
      for (let c = 0; c < 3; c++) image[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, COLOURS[cls]![c]! + Math.round((random.next() - 0.5) * 60)));
    }
  return { id, image: { width, height, channels: 3, data: image }, label: { width, height, data: label } };
}

/** Training clips of one labelled frame each, drawn fresh from the sampler's random stream. */
export class SquaresSampler implements ClipSampler {
  constructor(
    readonly size: number,
    private readonly height: number,
    private readonly width: number,
  ) {}

  async sample(position: number, random: RandomSource): Promise<ClipSample> {
    return { frames: [squaresFrame(random, this.height, this.width, `train-${position}`)], target: 0 };
  }
}

/** A fixed validation split of square frames, one sequence. */
export class SquaresDataset implements ClipDataset {
  readonly name = 'squares';
  readonly split = 'val';
  readonly classes = ['background', 'red', 'blue'];
  readonly ignoreLabel = 255;
  private readonly frames: ClipFrame[];

  constructor(
    readonly size: number,
    height: number,
    width: number,
  ) {
    const random = new SeededRandom(1234);
    this.frames = Array.from({ length: size }, (_, i) => squaresFrame(random, height, width, `val-${i}`));
  }

  async frame(position: number): Promise<SequenceFrame> {
    return { ...this.frames[position]!, sequence: 'val', index: position };
  }

  async neighbour(): Promise<ClipFrame | undefined> {
    return undefined;
  }
}
