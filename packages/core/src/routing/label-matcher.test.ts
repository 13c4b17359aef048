import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMatchers, matcherRegex, matchesAll, matchesLabel, type LabelMatcher } from './label-matcher';

const m = (name: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({ name, op, value });

describe('matchesLabel', () => {
  const labels = { service: 'checkout', severity: 'page', team: '' };

  it('compares whole values for = and !=', () => {
    expect(matchesLabel(m('service', '=', 'checkout'), labels)).toBe(true);
    expect(matchesLabel(m('service', '=', 'check'), labels)).toBe(false);
    expect(matchesLabel(m('service', '!=', 'cart'), labels)).toBe(true);
    expect(matchesLabel(m('service', '!=', 'checkout'), labels)).toBe(false);
  });

  it('anchors regexes at both ends, as Alertmanager does', () => {
    expect(matchesLabel(m('severity', '=~', 'page|critical'), labels)).toBe(true);
    expect(matchesLabel(m('service', '=~', 'check'), labels)).toBe(false);
    expect(matchesLabel(m('service', '=~', 'check.*'), labels)).toBe(true);
    // Without the group, `^page|critical$` would match "pager"; anchoring wraps the whole alternation.
    expect(matchesLabel(m('severity', '=~', 'pag|critical'), { severity: 'pager' })).toBe(false);
    expect(matchesLabel(m('severity', '!~', 'ticket|info'), labels)).toBe(true);
    expect(matchesLabel(m('severity', '!~', 'page'), labels)).toBe(false);
  });

  it('reads a missing label as the empty value', () => {
    expect(matchesLabel(m('region', '=', ''), labels)).toBe(true);
    expect(matchesLabel(m('region', '!=', 'eu'), labels)).toBe(true);
    expect(matchesLabel(m('region', '=~', '.*'), labels)).toBe(true);
    expect(matchesLabel(m('region', '=~', '.+'), labels)).toBe(false);
    expect(matchesLabel(m('team', '=', ''), labels)).toBe(true);
  });

  it('lets `.` match a newline and reads a leading (?i) as case-insensitive', () => {
    expect(matchesLabel(m('summary', '=~', 'a.b'), { summary: 'a\nb' })).toBe(true);
    expect(matchesLabel(m('severity', '=~', '(?i)CRITICAL'), { severity: 'Critical' })).toBe(true);
    expect(matchesLabel(m('severity', '=~', 'CRITICAL'), { severity: 'Critical' })).toBe(false);
  });

  it('never matches with a regex that does not compile, for either operator', () => {
    expect(matchesLabel(m('service', '=~', '('), labels)).toBe(false);
    expect(matchesLabel(m('service', '!~', '('), labels)).toBe(false);
  });

  it('does not read labels from the prototype', () => {
    expect(matchesLabel(m('constructor', '=', ''), {})).toBe(true);
    expect(matchesLabel(m('toString', '=~', '.+'), {})).toBe(false);
  });
});

describe('matcherRegex', () => {
  it('refuses what RE2 lacks and what does not compile, with the regex in the message', () => {
    expect(matcherRegex('(?=a)b')).toEqual({ ok: false, error: 'the regex "(?=a)b" uses lookaround or a backreference, which Alertmanager\'s RE2 does not have' });
    expect(matcherRegex('(a)\\1')).toMatchObject({ ok: false });
    expect(matcherRegex('a(?m)b')).toEqual({ ok: false, error: 'the regex "a(?m)b" uses an inline flag: only a leading (?i) is supported' });
    const bad = matcherRegex('[a-');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^the regex "\[a-" does not compile: /);
  });
});

describe('matchesAll', () => {
  it('matches everything with no matchers, and needs every matcher otherwise', () => {
    expect(matchesAll([], {})).toBe(true);
    expect(matchesAll([m('a', '=', '1'), m('b', '=~', '2|3')], { a: '1', b: '3' })).toBe(true);
    expect(matchesAll([m('a', '=', '1'), m('b', '=~', '2|3')], { a: '1', b: '4' })).toBe(false);
  });

  it('never throws, whatever the labels and regexes', () => {
    const matcher = fc.record({ name: fc.string({ maxLength: 8 }), op: fc.constantFrom<LabelMatcher['op']>('=', '!=', '=~', '!~'), value: fc.string({ maxLength: 12 }) });
    fc.assert(fc.property(fc.array(matcher, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })), (matchers, labels) => {
      expect(typeof matchesAll(matchers, labels)).toBe('boolean');
    }), { numRuns: 500 });
  });
});

describe('formatMatchers', () => {
  it('writes matchers as Alertmanager does in route keys', () => {
    expect(formatMatchers([m('service', '=', 'checkout'), m('severity', '=~', 'page|critical')])).toBe('{service="checkout",severity=~"page|critical"}');
    expect(formatMatchers([])).toBe('{}');
  });
});
