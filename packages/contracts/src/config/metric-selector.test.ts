import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMetricSelector, matchesSelector, parseMetricSelector, type MetricSelector } from './metric-selector';

const parse = (text: string): MetricSelector => {
  const result = parseMetricSelector(text);
  if (!result.ok) throw new Error(`${text}: ${JSON.stringify(result.problems)}`);
  return result.value;
};
const problems = (text: string) => {
  const result = parseMetricSelector(text);
  return result.ok ? [] : result.problems;
};

describe('parseMetricSelector', () => {
  it('reads a name alone, and a name with every operator, quote style and a trailing comma', () => {
    expect(parse('up')).toEqual({ name: 'up', matchers: [] });
    const selector = parse(' http_requests_total { service = "checkout", code!~\'5..\', path=~`/api/.*`, env!="dev", } ');
    expect(selector.name).toBe('http_requests_total');
    expect(selector.matchers.map(({ label, op, value }) => ({ label, op, value }))).toEqual([
      { label: 'service', op: '=', value: 'checkout' },
      { label: 'code', op: '!~', value: '5..' },
      { label: 'path', op: '=~', value: '/api/.*' },
      { label: 'env', op: '!=', value: 'dev' },
    ]);
    expect(parse('a:b_c{}')).toEqual({ name: 'a:b_c', matchers: [] });
    expect(parse(String.raw`x{v="a\"b\\c\n"}`).matchers[0]?.value).toBe('a"b\\c\n');
  });

  it('gives the problem and the 0-based offset where it starts', () => {
    expect(problems('')).toEqual([{ offset: 0, message: 'expected a metric name, e.g. http_requests_total, found the end of the selector' }]);
    expect(problems('1up')).toEqual([{ offset: 0, message: 'expected a metric name, e.g. http_requests_total, found `1`' }]);
    expect(problems('up{job="a"')).toEqual([{ offset: 10, message: 'the selector ends before its closing `}`' }]);
    expect(problems('up{job=="a"}')).toEqual([{ offset: 7, message: 'expected a quoted value, found `=`' }]);
    expect(problems('up{job<"a"}')).toEqual([{ offset: 6, message: 'expected a matcher operator (=, !=, =~ or !~) after label `job`, found `<`' }]);
    expect(problems('up{job="a}')).toEqual([{ offset: 7, message: 'this quoted value is never closed' }]);
    expect(problems('up{job="a" code="b"}')).toEqual([{ offset: 11, message: 'expected `,` or `}` after a matcher, found `c`' }]);
    expect(problems('rate(up[5m])')).toEqual([{ offset: 4, message: 'unexpected `(` after the selector: give one metric name and its matchers in {…}, not a PromQL expression' }]);
    expect(problems('up{code=~"5(("}')[0]?.offset).toBe(9);
    expect(problems('up{code=~"(?!5)..")}')[0]?.message).toBe('the regex "(?!5).." uses lookaround or a backreference, which Prometheus\'s RE2 does not have');
    expect(problems(String.raw`up{a="\q"}`)).toEqual([{ offset: 6, message: 'unknown escape `\\q` in a quoted value' }]);
  });

  it('never throws, whatever the text, and what parses formats back to an equal selector', () => {
    const alphabet = fc.constantFrom(...'ab_:{}=!~"\'`,\\. 5()[]|*+?^$\n'.split(''));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet })), (text) => {
      const result = parseMetricSelector(text);
      if (result.ok) {
        const again = parseMetricSelector(formatMetricSelector(result.value));
        expect(again.ok && formatMetricSelector(again.value)).toBe(formatMetricSelector(result.value));
      } else {
        for (const problem of result.problems) expect(problem.offset).toBeGreaterThanOrEqual(0);
      }
    }), { numRuns: 2000 });
  });
});

describe('matchesSelector', () => {
  const selector = parse('http_requests_total{service="checkout",code!~"5..",region=~"eu-.*|"}');
  it('matches as Prometheus does: anchored regexes, a missing label as ""', () => {
    expect(matchesSelector(selector, 'http_requests_total', { service: 'checkout', code: '200' })).toBe(true);
    expect(matchesSelector(selector, 'http_requests_total', { service: 'checkout', code: '200', region: 'eu-west' })).toBe(true);
    expect(matchesSelector(selector, 'http_requests_total', { service: 'checkout', code: '503' })).toBe(false);
    // Anchored: "5.." does not match inside "1503".
    expect(matchesSelector(selector, 'http_requests_total', { service: 'checkout', code: '1503' })).toBe(true);
    expect(matchesSelector(selector, 'http_requests_total', { service: 'checkout', code: '200', region: 'us-east' })).toBe(false);
    expect(matchesSelector(selector, 'http_requests_total', { service: 'search', code: '200' })).toBe(false);
    expect(matchesSelector(selector, 'http_requests', { service: 'checkout', code: '200' })).toBe(false);
    expect(matchesSelector(parse('up{job!=""}'), 'up', {})).toBe(false);
  });
});
