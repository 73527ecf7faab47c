/** tfjs's explicit NHWC padding: [[0, 0], [top, bottom], [left, right], [0, 0]]. */
export type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/** Explicit NHWC padding of `top`/`bottom` rows and `left`/`right` columns. */
export function explicitPadding(top: number, bottom: number, left: number, right: number): ExplicitPadding {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

/** PyTorch's symmetric `padding` [height, width] as explicit NHWC padding. */
export function symmetricPadding([height, width]: readonly [number, number]): ExplicitPadding {
  return explicitPadding(height, height, width, width);
}
