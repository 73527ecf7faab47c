/** An RGB colour, 0..255 per channel. */
export type Rgb = readonly [number, number, number];

/** Class names and their display colours, indexed by class id. */
export interface Palette {
  readonly name: string;
  readonly classes: readonly string[];
  readonly colors: readonly Rgb[];
  /** Label value of ignored pixels (void), and the colour they are drawn in. */
  readonly ignoreLabel: number;
  readonly ignoreColor: Rgb;
}

/** The colour of `label`: its class colour, the ignore colour, or black for unknown values. */
export function colorOf(palette: Palette, label: number): Rgb {
  if (label === palette.ignoreLabel) return palette.ignoreColor;
  return palette.colors[label] ?? [0, 0, 0];
}
