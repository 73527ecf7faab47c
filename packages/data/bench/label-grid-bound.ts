/**
 * How well a label map that is constant on each cell of a grid can score: for grids of 1/4, 1/8
 * and 1/16 of the frame, every cell takes the most frequent ground-truth class of its pixels, and
 * the table gives the per-class IoU and mIoU of that map against the ground truth. A network whose
 * labels come from logits at 1/s of the frame is bound by about this (bilinear upsampling can move
 * a border inside a cell, so by a little more). Default: the held-out clips of `vidseg demo`.
 *
 *   npm run bench:grid-bound -w @vidseg/data -- [--size 120x160] [--clips 3] [--frames 16]
 */
import { parseArgs } from 'node:util';
import { CAMVID_PALETTE, type LabelMap } from '@vidseg/core';
import { SyntheticDataset } from '@vidseg/data';
import { printTable } from './report.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '120x160' }, clips: { type: 'string', default: '3' }, frames: { type: 'string', default: '16' } } });
const [height, width] = values.size.split('x').map(Number) as [number, number];
const classes = CAMVID_PALETTE.classes.length;

/** The label map with each `cell` x `cell` block set to its most frequent class. */
function blockMode(label: LabelMap, cell: number): Uint8Array {
  const { width: w, height: h, data } = label;
  const out = new Uint8Array(w * h);
  const votes = new Uint32Array(256);
  for (let y0 = 0; y0 < h; y0 += cell) {
    for (let x0 = 0; x0 < w; x0 += cell) {
      votes.fill(0);
      const y1 = Math.min(h, y0 + cell);
      const x1 = Math.min(w, x0 + cell);
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) votes[data[y * w + x]!]!++;
      const mode = votes.indexOf(Math.max(...votes));
      for (let y = y0; y < y1; y++) out.fill(mode, y * w + x0, y * w + x1);
    }
  }
  return out;
}

const data = new SyntheticDataset({ split: 'val', clips: Number(values.clips), framesPerClip: Number(values.frames), size: [height, width] });
const labels: LabelMap[] = [];
for (let i = 0; i < data.size; i++) {
  const { label } = await data.frame(i);
  if (!label) throw new Error(`synthetic val frame ${i} has no label map`);
  labels.push(label);
}
const rows: (string | number)[][] = [];
for (const cell of [4, 8, 16]) {
  const intersection = new Float64Array(classes);
  const union = new Float64Array(classes);
  for (const label of labels) {
    const blocks = blockMode(label, cell);
    label.data.forEach((truth, p) => {
      if (truth >= classes) return;
      const guess = blocks[p]!;
      if (guess === truth) intersection[truth]!++;
      union[truth]!++;
      if (guess !== truth && guess < classes) union[guess]!++;
    });
  }
  const iou = [...intersection].map((v, c) => (union[c]! > 0 ? v / union[c]! : Number.NaN));
  const present = iou.filter((v) => !Number.isNaN(v));
  const pct = (v: number) => (Number.isNaN(v) ? '-' : (100 * v).toFixed(0));
  rows.push([`1/${cell}`, `${(100 * (present.reduce((a, b) => a + b, 0) / present.length)).toFixed(1)} %`, ...iou.map(pct)]);
}
console.log(`# IoU bound of a label map constant on grid cells (${data.size} synthetic val frames, ${width}x${height})\n`);
printTable(['grid', 'mIoU', ...CAMVID_PALETTE.classes], rows);
