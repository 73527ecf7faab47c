import { describe, expect, it } from 'vitest';
import { InterruptGuard } from './interrupt-guard.js';

function guarded() {
  const exits: number[] = [];
  const messages: string[] = [];
  const guard = new InterruptGuard((code) => exits.push(code), { write: (text: string) => messages.push(text) });
  return { guard, exits, messages };
}

describe('InterruptGuard', () => {
  it('resolves interrupted on the first Ctrl-C and exits with 130 on the second', async () => {
    const { guard, exits } = guarded();
    guard.press();
    await guard.interrupted;
    expect(exits).toEqual([]);
    guard.press();
    expect(exits).toEqual([130]);
  });

  it('lets a checkpoint write that a second Ctrl-C interrupts finish, then exits with 130', async () => {
    const { guard, exits, messages } = guarded();
    let finish!: () => void;
    const written = guard.uninterruptible(() => new Promise<string>((resolve) => (finish = () => resolve('step-00000007'))));
    guard.press();
    guard.press();
    expect(exits).toEqual([]);
    expect(messages.at(-1)).toMatch(/quitting as soon as the checkpoint/);
    finish();
    await expect(written).resolves.toBe('step-00000007');
    expect(exits).toEqual([130]);
  });
});
