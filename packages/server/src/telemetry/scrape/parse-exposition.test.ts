import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExposition } from './parse-exposition';

const AT = 1_740_830_400_000;

describe('parseExposition', () => {
  it('reads the text format 0.0.4: types, labels with escapes, special values, millisecond timestamps', () => {
    const text = [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{code="200",path="/a\\"b\\\\c\\n"} 1027',
      'http_requests_total{code="500"} 3 1740830399000',
      '# TYPE temperature gauge',
      'temperature -Inf',
      'untyped_thing NaN',
      '',
    ].join('\n');
    const result = parseExposition(text, { scrapedAt: AT, openMetrics: false });
    expect(result.ok && result.value.cumulative.slice(0, 2)).toEqual([
      { name: 'http_requests_total', labels: { code: '200', path: '/a"b\\c\n' }, timestampMs: AT, value: 1027 },
      { name: 'http_requests_total', labels: { code: '500' }, timestampMs: 1_740_830_399_000, value: 3 },
    ]);
    expect(result.ok && result.value.gauges).toEqual([{ name: 'temperature', labels: {}, timestampMs: AT, value: -Infinity }]);
    expect(result.ok && Number.isNaN(result.value.cumulative[2]?.value)).toBe(true);
  });

  it('reads OpenMetrics: _total of a counter family, second timestamps, exemplars and _created dropped, # EOF', () => {
    const text = [
      '# TYPE rpc counter',
      'rpc_total{a="1"} 5 1740830399.5 # {trace_id="x"} 1 1740830399.1',
      'rpc_created{a="1"} 1740800000',
      '# TYPE latency histogram',
      'latency_bucket{le="0.3"} 2',
      'latency_count 3',
      '# EOF',
      'after_eof 1',
    ].join('\n');
    const result = parseExposition(text, { scrapedAt: AT, openMetrics: true });
    expect(result).toEqual({ ok: true, value: { gauges: [], cumulative: [
      { name: 'rpc_total', labels: { a: '1' }, timestampMs: 1_740_830_399_500, value: 5 },
      { name: 'latency_bucket', labels: { le: '0.3' }, timestampMs: AT, value: 2 },
      { name: 'latency_count', labels: {}, timestampMs: AT, value: 3 },
    ] } });
  });

  it('says which line is bad', () => {
    expect(parseExposition('ok 1\n<html>', { scrapedAt: AT, openMetrics: false })).toEqual({ ok: false, error: 'line 2: expected a metric name, found "<html>"' });
    expect(parseExposition('a{b="c"}', { scrapedAt: AT, openMetrics: false })).toEqual({ ok: false, error: 'line 1: expected a value after a' });
    expect(parseExposition('a{b="c} 1', { scrapedAt: AT, openMetrics: false })).toEqual({ ok: false, error: 'line 1: the value of label b is never closed' });
    expect(parseExposition('a 1 2 3', { scrapedAt: AT, openMetrics: false })).toEqual({ ok: false, error: 'line 1: unexpected "3" after the value and timestamp of a' });
    expect(parseExposition('a one', { scrapedAt: AT, openMetrics: false })).toEqual({ ok: false, error: 'line 1: "one" is not a number (the value of a)' });
  });

  it('never throws, whatever the body', () => {
    const unit = fc.constantFrom(...'ab_{}="\\ ,#\n1.e+-'.split(''));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit })), fc.boolean(), (text, openMetrics) => {
      expect(() => parseExposition(text, { scrapedAt: AT, openMetrics })).not.toThrow();
    }), { numRuns: 2000 });
  });
});
