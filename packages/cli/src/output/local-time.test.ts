import { describe, expect, it } from 'vitest';
import { formatLocalTime } from './local-time';

describe('formatLocalTime', () => {
  it('shows the wall clock of the zone with its offset, on both sides of a DST change', () => {
    expect(formatLocalTime('2026-01-07T17:00:00.000Z', 'Europe/Berlin')).toBe('Wed 2026-01-07 18:00 +01:00');
    expect(formatLocalTime('2026-03-30T07:00:00.000Z', 'Europe/Berlin')).toBe('Mon 2026-03-30 09:00 +02:00');
    expect(formatLocalTime('2026-03-30T07:00:00.000Z', 'UTC')).toBe('Mon 2026-03-30 07:00 +00:00');
    expect(formatLocalTime('2026-03-30T07:00:00.000Z', 'America/New_York')).toBe('Mon 2026-03-30 03:00 -04:00');
  });
});
