/**
 * What a warp samples outside the image:
 * - `zeros`: every bilinear corner outside the image counts as 0 (PyTorch grid_sample's
 *   padding_mode='zeros'), so samples fade out over the last pixel;
 * - `clamp`: the sample position is clamped to the image (PyTorch's padding_mode='border'), which
 *   repeats the edge pixels; the gradient with respect to a clamped flow component is 0.
 */
export type WarpBorder = 'zeros' | 'clamp';
