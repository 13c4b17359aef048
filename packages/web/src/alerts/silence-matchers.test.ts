import { parseAlertMatcher } from '@xops/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchersFromLabels, quoteValue, readMatcherLines } from './silence-matchers';

describe('matchersFromLabels', () => {
  it('writes one equality matcher per label, alertname first, then by name', () => {
    expect(matchersFromLabels({ service: 'cart', severity: 'page', alertname: 'CartDown', region: 'eu' })).toEqual([
      'alertname="CartDown"', 'region="eu"', 'service="cart"', 'severity="page"',
    ]);
  });

  it('escapes quotes, backslashes and newlines so that the server reads back the very value', () => {
    const labels = { path: 'C:\\logs\\"x"', note: 'two\nlines\tand tab' };
    const matchers = matchersFromLabels(labels);
    expect(matchers).toEqual(['note="two\\nlines\\tand tab"', 'path="C:\\\\logs\\\\\\"x\\""']);
    expect(matchers.map((matcher) => parseAlertMatcher(matcher))).toEqual([
      { ok: true, value: { name: 'note', op: '=', value: labels.note } },
      { ok: true, value: { name: 'path', op: '=', value: labels.path } },
    ]);
  });

  it('keeps an empty value as "" (matches alerts without the label)', () => {
    expect(matchersFromLabels({ team: '' })).toEqual(['team=""']);
  });
});

describe('quoteValue', () => {
  it('leaves plain text alone', () => {
    expect(quoteValue('checkout-eu 1')).toBe('checkout-eu 1');
  });
});

describe('readMatcherLines', () => {
  it('reads one matcher per line, skipping blank lines and trimming', () => {
    expect(readMatcherLines('  service="cart"\n\nseverity=~"page|critical"  \n')).toEqual({ ok: true, value: ['service="cart"', 'severity=~"page|critical"'] });
  });

  it('says which line is wrong', () => {
    const read = readMatcherLines('service="cart"\nseverity=="page"');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/^Matcher 2 \(severity=="page"\): `==` is not an operator/);
  });

  it('wants at least one matcher', () => {
    expect(readMatcherLines(' \n ')).toEqual({ ok: false, error: 'Give at least one matcher, e.g. service="cart".' });
  });
});

describe('matchersFromLabels, on any labels', () => {
  it('writes matchers the server reads back as the very labels', () => {
    const labels = fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), fc.string({ maxLength: 40 }), { minKeys: 1, maxKeys: 8 });
    fc.assert(fc.property(labels, (given) => {
      const matchers = matchersFromLabels(given);
      expect(readMatcherLines(matchers.join('\n')).ok).toBe(true);
      const read = Object.fromEntries(matchers.map((matcher) => {
        const parsed = parseAlertMatcher(matcher);
        if (!parsed.ok) throw new Error(parsed.error);
        return [parsed.value.name, parsed.value.value];
      }));
      expect(read).toEqual(given);
    }));
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(() => readMatcherLines(text)).not.toThrow();
    }));
  });
});
