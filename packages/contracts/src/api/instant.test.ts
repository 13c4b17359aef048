import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantSchema, parseInstant } from './instant';

const NOW = Date.UTC(2025, 2, 1, 12);

describe('parseInstant', () => {
  it('reads RFC 3339, epoch milliseconds and times relative to now', () => {
    expect(parseInstant('2025-03-01T12:00:00Z', NOW)).toBe(NOW);
    expect(parseInstant('2025-03-01T13:30:00+01:00', NOW)).toBe(NOW + 30 * 60_000);
    expect(parseInstant('1740830400000', NOW)).toBe(1_740_830_400_000);
    expect(parseInstant('now', NOW)).toBe(NOW);
    expect(parseInstant('now-90s', NOW)).toBe(NOW - 90_000);
    expect(parseInstant('now-6h', NOW)).toBe(NOW - 21_600_000);
    expect(parseInstant('now-30d', NOW)).toBe(NOW - 2_592_000_000);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'yesterday', '2025-03-01', '2025-03-01T12:00:00', 'now+1h', 'now-1M', '-5', '1.5']) {
      expect(parseInstant(text, NOW), text).toBeUndefined();
    }
    fc.assert(fc.property(fc.string(), (text) => {
      const ms = parseInstant(text, NOW);
      return ms === undefined || Number.isFinite(ms);
    }));
  });

  it('gives a clear message through the schema', () => {
    const parsed = instantSchema(() => NOW).safeParse('soon');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('`soon` is not an RFC 3339 time (2025-03-01T12:00:00Z), epoch milliseconds, `now`, or `now-` and a duration (now-30d, now-6h, now-90s)');
  });
});
