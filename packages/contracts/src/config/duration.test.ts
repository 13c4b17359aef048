import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationShorthandSchema, parseDurationShorthand } from './duration';

describe('parseDurationShorthand', () => {
  it.each([
    ['12h', { amount: 12, unit: 'h' }],
    ['4w', { amount: 4, unit: 'w' }],
    ['1M', { amount: 1, unit: 'M' }],
    ['1Q', { amount: 1, unit: 'Q' }],
    ['365d', { amount: 365, unit: 'd' }],
    ['1Y', { amount: 1, unit: 'Y' }],
    ['5m', { amount: 5, unit: 'm' }],
    ['0m', { amount: 0, unit: 'm' }],
  ])('reads %s', (text, expected) => {
    expect(parseDurationShorthand(text)).toEqual(expected);
  });

  it.each(['', '5x', '5', 'm', '1.5h', '-1d', ' 1d', '1d ', '1 d', '1D', '1s', '1dd', '1234567890d', '１d'])('refuses %j', (text) => {
    expect(parseDurationShorthand(text)).toBeUndefined();
  });

  it('reads back every amount and unit it is given', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom('m', 'h', 'd', 'w', 'M', 'Q', 'Y'), (amount, unit) => {
      expect(parseDurationShorthand(`${amount}${unit}`)).toEqual({ amount, unit });
    }));
  });

  it('never throws, and what it accepts is digits and one unit', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const parsed = parseDurationShorthand(text);
      if (parsed !== undefined) expect(text).toMatch(/^\d+[mhdwMQY]$/);
    }));
  });
});

describe('durationShorthandSchema', () => {
  const window = durationShorthandSchema({ noun: 'window' });
  const messages = (value: unknown): string[] => window.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

  it('says how to write a duration when one does not parse', () => {
    expect(messages('5x')).toEqual(['window `5x` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d']);
    expect(messages(30)).toEqual(['window `30` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d']);
  });

  it('refuses a window of no length, but accepts a zero delay', () => {
    expect(messages('0d')).toEqual(['window `0d` has no length: use a number above zero, e.g. 30d']);
    expect(durationShorthandSchema({ noun: 'delay', allowZero: true }).safeParse('0m').success).toBe(true);
  });
});
