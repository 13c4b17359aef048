import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQueryRange } from './parse-query-range';

describe('parseQueryRange', () => {
  it('reads a matrix into ms times and numbers, dropping NaN and infinite points', () => {
    expect(parseQueryRange({
      status: 'success',
      data: { resultType: 'matrix', result: [
        { metric: { __name__: 'up', job: 'api' }, values: [[1700000000.5, '1'], [1700000010, 'NaN'], [1700000020, '+Inf'], [1700000030, '2.5']] },
        { metric: {} },
      ] },
    })).toEqual({ ok: true, series: [
      { labels: { __name__: 'up', job: 'api' }, points: [[1_700_000_000_500, 1], [1_700_000_030_000, 2.5]] },
      { labels: {}, points: [] },
    ] });
  });

  it('passes on the reason of an error answer', () => {
    expect(parseQueryRange({ status: 'error', errorType: 'bad_data', error: 'parse error at char 5' }))
      .toEqual({ ok: false, error: 'the source refused the query: bad_data: parse error at char 5' });
  });

  it('refuses a vector, a scalar, or anything that is not an answer', () => {
    const notMatrix = { ok: false, error: 'the source answered with something other than a Prometheus query_range matrix' };
    expect(parseQueryRange({ status: 'success', data: { resultType: 'vector', result: [] } })).toEqual(notMatrix);
    expect(parseQueryRange('<html>')).toEqual(notMatrix);
    expect(parseQueryRange(null)).toEqual(notMatrix);
  });

  it('never throws, whatever JSON a source sends', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => {
      const parsed = parseQueryRange(json);
      expect(typeof parsed.ok).toBe('boolean');
    }), { numRuns: 2000 });
    const entry = fc.record({ metric: fc.dictionary(fc.string(), fc.string()), values: fc.array(fc.tuple(fc.oneof(fc.double(), fc.integer()), fc.oneof(fc.string(), fc.constantFrom('NaN', '-Inf', '1e309', '3')))) });
    fc.assert(fc.property(fc.array(entry), (result) => {
      const parsed = parseQueryRange({ status: 'success', data: { resultType: 'matrix', result } });
      if (!parsed.ok) return;
      for (const series of parsed.series) for (const [time, value] of series.points) expect(Number.isFinite(time) && Number.isFinite(value)).toBe(true);
    }));
  });
});
