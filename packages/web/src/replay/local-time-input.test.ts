import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-time-input';

describe('datetime-local values', () => {
  it('round-trip to the minute in the local zone', () => {
    const ms = new Date(2025, 2, 1, 13, 5).getTime();
    expect(toLocalInput(ms)).toBe('2025-03-01T13:05');
    expect(fromLocalInput('2025-03-01T13:05')).toBe(ms);
    expect(fromLocalInput('2025-03-01T13:05:30')).toBe(ms + 30_000);
  });

  it('reads nothing from an empty or malformed value', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('yesterday')).toBeUndefined();
  });
});
