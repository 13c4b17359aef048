import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketSums, fineBucketStart } from './bucket-sums';
import { parseSliEvent, parseSliEventLine } from './sli-event';

const T = Date.UTC(2025, 2, 1, 12, 0, 0); // 1 740 830 400 000

describe('parseSliEvent', () => {
  it('takes good/total, bad/total and value events, with RFC 3339 or epoch-ms times', () => {
    expect(parseSliEvent({ ts: '2025-03-01T12:00:00Z', good: 99, total: 100 })).toEqual({ ok: true, value: { kind: 'ratio', ts: T, good: 99, total: 100 } });
    expect(parseSliEvent({ ts: T, bad: 1, total: 100 })).toEqual({ ok: true, value: { kind: 'ratio', ts: T, good: 99, total: 100 } });
    expect(parseSliEvent({ ts: '2025-03-01T13:00:00.250+01:00', value: 0.3 })).toEqual({ ok: true, value: { kind: 'value', ts: T + 250, value: 0.3 } });
    // RFC 3339 § 5.6 allows lower-case t and z.
    expect(parseSliEvent({ ts: '2025-03-01t12:00:00z', good: 0, total: 0 })).toMatchObject({ ok: true, value: { ts: T } });
  });

  it.each([
    [{ ts: T, good: 1, bad: 1, total: 2 }, ['bad'], 'give either `good` or `bad`, not both'],
    [{ ts: T, good: 1 }, ['total'], '`total` is required'],
    [{ ts: T }, [], 'an event needs `good` (or `bad`) and `total`'],
    [{ ts: T, good: 3, total: 2 }, ['good'], '`good` (3) is more than `total` (2)'],
    [{ ts: T, bad: 3, total: 2 }, ['bad'], '`bad` (3) is more than `total` (2)'],
    [{ ts: T, good: -1, total: 2 }, ['good'], '`good` must be 0 or more'],
    [{ ts: T, good: '1', total: 2 }, ['good'], '`good` must be a number of events'],
    [{ ts: T, value: 1, total: 2 }, [], 'a `value` event has only `ts` and `value`'],
    [{ good: 1, total: 2 }, ['ts'], '`ts` is required'],
    [{ ts: 1_740_830_400, good: 1, total: 2 }, ['ts'], 'looks like epoch seconds: send epoch milliseconds (1740830400000)'],
    [{ ts: '2025-02-30T00:00:00Z', good: 1, total: 2 }, ['ts'], 'is not an RFC 3339 time'],
    [{ ts: '2025-03-01T12:00:00', good: 1, total: 2 }, ['ts'], 'is not an RFC 3339 time with a zone'],
    [{ ts: -5, good: 1, total: 2 }, ['ts'], 'is out of range'],
    [{ ts: T, good: 1, total: 2, tot: 3 }, [], 'Unrecognized key: "tot"'],
    [[T, 1, 2], [], 'an event is a JSON object'],
  ])('explains what is wrong with %j', (raw, path, message) => {
    const result = parseSliEvent(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.path).toEqual(path);
    expect(result.problems[0]?.message).toContain(message);
  });

  it('refuses a count JSON cannot hold as a finite number (1e400 parses to Infinity)', () => {
    expect(parseSliEventLine(`{"ts": ${T}, "good": 1, "total": 1e400}`)?.ok).toBe(false);
  });

  it('never throws, and anything it accepts is finite with 0 ≤ good ≤ total', () => {
    const eventish = fc.record({
      ts: fc.oneof(fc.integer({ min: -1e16, max: 1e16 }), fc.double(), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
      good: fc.oneof(fc.double(), fc.nat()), bad: fc.oneof(fc.double(), fc.nat()), total: fc.oneof(fc.double(), fc.nat()), value: fc.double(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(eventish, fc.anything()), (raw) => {
      const result = parseSliEvent(raw);
      if (!result.ok) return;
      const event = result.value;
      expect(Number.isFinite(event.ts)).toBe(true);
      if (event.kind === 'ratio') expect(event.good >= 0 && event.good <= event.total && Number.isFinite(event.total)).toBe(true);
      else expect(Number.isFinite(event.value)).toBe(true);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.string(), (line) => { parseSliEventLine(line); }));
  });
});

describe('parseSliEventLine', () => {
  it('skips blank lines and explains a line that is not JSON', () => {
    expect(parseSliEventLine('  \r')).toBeUndefined();
    const result = parseSliEventLine('{"ts": 1,');
    expect(result).toMatchObject({ ok: false, problems: [{ path: [], message: expect.stringContaining('not valid JSON') }] });
  });
});

describe('BucketSums', () => {
  it('sums events into the 10-second buckets that hold them, oldest first', () => {
    const sums = new BucketSums();
    sums.add(T + 12_000, 1, 2);
    sums.add(T + 3_000, 4, 5);
    sums.add(T + 9_999, 1, 1);
    expect(sums.size).toBe(2);
    expect(sums.buckets()).toEqual([{ start: T, good: 5, total: 6 }, { start: T + 10_000, good: 1, total: 2 }]);
    expect(fineBucketStart(T - 1)).toBe(T - 10_000);
  });
});
