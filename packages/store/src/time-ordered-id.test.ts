import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('is a version 7 UUID whose first 48 bits are the time in ms', () => {
    const id = timeOrderedId(Date.UTC(2026, 10, 27, 3, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 2026-11-27T03:00:00Z = 1,795,748,400,000 ms = 0x01a21af20b80.
    expect(id.slice(0, 13)).toBe('01a21af2-0b80');
  });

  it('sorts ids of later times after earlier ones, and never repeats', () => {
    const ids = [1_000, 2_000, 1_795_748_400_000, 1_795_748_400_001].map((ms) => timeOrderedId(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(5))).size).toBe(1000);
  });
});
