import { describe, expect, it } from 'vitest';
import { earlyAnswer } from './early-answer';

describe('earlyAnswer', () => {
  it('gives the answer started for the same token once, then nothing', async () => {
    let now = 1000;
    const slot = earlyAnswer<string>(() => now);
    let calls = 0;
    slot.start('xops_a', async () => `answer ${String(++calls)}`);
    now = 10_999;
    await expect(slot.take('xops_a')).resolves.toBe('answer 1');
    expect(slot.take('xops_a')).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('gives nothing for another token, nor after 10 s', () => {
    let now = 1000;
    const slot = earlyAnswer<string>(() => now);
    slot.start('xops_a', async () => 'answer');
    expect(slot.take('xops_b')).toBeUndefined();
    slot.start('xops_a', async () => 'answer');
    now = 11_000;
    expect(slot.take('xops_a')).toBeUndefined();
  });

  it('keeps a failure for the page to show', async () => {
    const slot = earlyAnswer<string>();
    slot.start('xops_a', async () => { throw new Error('401'); });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(slot.take('xops_a')).rejects.toThrow('401');
  });
});
