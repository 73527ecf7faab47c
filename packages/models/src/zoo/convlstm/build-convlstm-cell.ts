import { z } from 'zod';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { Graph } from '../../graph/graph-types.js';
import { parseModelOptions } from '../common/parse-model-options.js';

/** Options of {@link buildConvLstmCell}. */
export const convLstmCellOptionsSchema = z
  .object({
    inputChannels: z.number().int().min(1).describe('channels of the input x'),
    hiddenChannels: z.number().int().min(1).describe('channels of the hidden state h and the cell state c'),
    kernel: z
      .number()
      .int()
      .min(1)
      .refine((k) => k % 2 === 1, 'must be odd (same padding)')
      .default(3)
      .describe('kernel size of the gate convolutions'),
  })
  .strict();

/** The gates of the cell, in the order of the usual fused-conv ConvLSTM's output channels. */
export const CONVLSTM_GATES = ['input', 'forget', 'output', 'cell'] as const;

/**
 * One step of a convolutional LSTM (Shi et al., 2015), used by multi-frame distillation:
 *
 * ```
 * z  = concat(x, h)                         inputs "x", "h", "c" (all the same H x W)
 * i  = sigmoid(gates.input(z))   f = sigmoid(gates.forget(z))   o = sigmoid(gates.output(z))
 * g  = tanh(gates.cell(z))
 * c' = f * c + i * g                        output "cell"
 * h' = o * tanh(c')                         output "hidden"
 * ```
 * Each gate is a `kernel` x `kernel` conv with bias and same padding, `gates.<gate>.weight`
 * [hidden, input + hidden, k, k]. A checkpoint of the common fused form (one conv with
 * 4 x hidden outputs, split i, f, o, g) maps to these four by slicing its output channels in
 * {@link CONVLSTM_GATES} order. Run it over a sequence by feeding h', c' back as h, c (zeros at
 * the start).
 */
export function buildConvLstmCell(input: z.input<typeof convLstmCellOptionsSchema>): Graph {
  const options = parseModelOptions('convlstm-cell', convLstmCellOptionsSchema, input);
  const b = new GraphBuilder();
  const x = b.input('x', options.inputChannels);
  const h = b.input('h', options.hiddenChannels);
  const c = b.input('c', options.hiddenChannels);
  const z = b.concat([x, h], 'gates.concat');
  const gate = (name: (typeof CONVLSTM_GATES)[number]) => b.conv(z, { name: `gates.${name}`, out: options.hiddenChannels, kernel: options.kernel });
  const inputGate = b.sigmoid(gate('input'), 'gates.input.sigmoid');
  const forgetGate = b.sigmoid(gate('forget'), 'gates.forget.sigmoid');
  const outputGate = b.sigmoid(gate('output'), 'gates.output.sigmoid');
  const candidate = b.tanh(gate('cell'), 'gates.cell.tanh');
  const cell = b.add([b.mul([forgetGate, c], 'cell.keep'), b.mul([inputGate, candidate], 'cell.write')], 'cell.next');
  const hidden = b.mul([outputGate, b.tanh(cell, 'hidden.tanh')], 'hidden.next');
  b.output('hidden', hidden);
  b.output('cell', cell);
  return b.build();
}
