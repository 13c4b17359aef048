import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPrometheusDuration, parsePrometheusDuration } from './prometheus-duration';

describe('parsePrometheusDuration', () => {
  it('reads units from the largest down, each once', () => {
    expect(parsePrometheusDuration('30s')).toBe(30_000);
    expect(parsePrometheusDuration('5m')).toBe(300_000);
    expect(parsePrometheusDuration('4h')).toBe(14_400_000);
    expect(parsePrometheusDuration('1h30m')).toBe(5_400_000);
    expect(parsePrometheusDuration('500ms')).toBe(500);
    expect(parsePrometheusDuration('1d')).toBe(86_400_000);
    expect(parsePrometheusDuration('2w')).toBe(1_209_600_000);
    expect(parsePrometheusDuration('1y')).toBe(31_536_000_000);
    expect(parsePrometheusDuration('0')).toBe(0);
    expect(parsePrometheusDuration('0s')).toBe(0);
  });

  it('refuses what Prometheus refuses', () => {
    for (const text of ['', '5', '1.5h', '30m1h', '1h1h', '5 m', '-5m', 'm', '5M']) expect(parsePrometheusDuration(text)).toBeUndefined();
  });

  it('round-trips what it formats', () => {
    expect(formatPrometheusDuration(5_400_000)).toBe('1h30m');
    expect(formatPrometheusDuration(0)).toBe('0s');
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (ms) => {
      expect(parsePrometheusDuration(formatPrometheusDuration(ms))).toBe(ms);
    }));
  });
});
