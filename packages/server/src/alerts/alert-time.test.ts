import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAlertTime } from './alert-time';

describe('parseAlertTime', () => {
  it('reads Go and PagerDuty times, and Go\'s zero time as no time', () => {
    expect(parseAlertTime('2026-08-21T03:14:00.000Z')).toBe(Date.UTC(2026, 7, 21, 3, 14));
    expect(parseAlertTime('2026-08-21T03:14:00.123456789+02:00')).toBe(Date.UTC(2026, 7, 21, 1, 14, 0, 123));
    expect(parseAlertTime('2015-07-17T08:42:58.315+0000')).toBe(Date.UTC(2015, 6, 17, 8, 42, 58, 315));
    expect(parseAlertTime('2026-01-01T00:00:00-05:30')).toBe(Date.UTC(2026, 0, 1, 5, 30));
    expect(parseAlertTime('0001-01-01T00:00:00Z')).toBeNull();
  });

  it('refuses what is not an RFC 3339 time', () => {
    for (const text of ['', 'yesterday', '2026-08-21', '2026-08-21T03:14:00', '2026-13-01T00:00:00Z', '1969-12-31T23:59:59Z', '1700000000000']) {
      expect(parseAlertTime(text)).toBeUndefined();
    }
  });

  it('never throws, and gives a whole number of ms, null or undefined', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const ms = parseAlertTime(text);
      expect(ms === null || ms === undefined || Number.isSafeInteger(ms)).toBe(true);
    }));
  });
});
