import { describe, expect, it } from 'vitest';
import { formatAgo, formatSeconds } from './time-text';

describe('formatSeconds', () => {
  it('keeps the two largest units', () => {
    expect(formatSeconds(5400)).toBe('1h 30m');
    expect(formatSeconds(42)).toBe('42s');
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(90_061)).toBe('1d 1h');
    expect(formatSeconds(86_400 + 30)).toBe('1d');
    expect(formatSeconds(3600 + 5)).toBe('1h');
    expect(formatSeconds(-120)).toBe('2m');
  });
});

describe('formatAgo', () => {
  const now = Date.UTC(2025, 2, 1, 12, 0, 0);
  it('says how long ago an instant was', () => {
    expect(formatAgo('2025-03-01T11:57:00.000Z', now)).toBe('3m ago');
    expect(formatAgo('2025-03-01T11:59:58.000Z', now)).toBe('just now');
    expect(formatAgo('not a time', now)).toBe('–');
  });
});
