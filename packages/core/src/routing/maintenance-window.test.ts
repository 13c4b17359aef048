import { describe, expect, it } from 'vitest';
import { checkMaintenanceWindow, maintenanceOccurrenceAt, maintenanceOccurrences, type MaintenanceWindow } from './maintenance-window';
import { HOUR, MINUTE } from './testing/routing-fixtures';

const window = (overrides: Partial<MaintenanceWindow>): MaintenanceWindow => ({
  name: 'db-patching', matchers: [], start: '2026-03-07T02:00:00', timeZone: 'Europe/Berlin', durationMs: 2 * HOUR, suppress: 'pages', ...overrides,
});
const iso = (text: string): number => Date.parse(text);
const starts = (w: MaintenanceWindow, from: string, to: string): string[] =>
  maintenanceOccurrences(w, iso(from), iso(to)).map((occurrence) => new Date(occurrence.startsAt).toISOString());

describe('maintenanceOccurrences', () => {
  it('repeats weekly at the same local time, so the UTC time moves with DST', () => {
    const weekly = window({ rrule: 'FREQ=WEEKLY;BYDAY=SA' });
    expect(maintenanceOccurrences(weekly, iso('2026-03-20T00:00:00Z'), iso('2026-04-12T00:00:00Z'))).toEqual([
      { startsAt: iso('2026-03-21T01:00:00Z'), endsAt: iso('2026-03-21T03:00:00Z') },
      { startsAt: iso('2026-03-28T01:00:00Z'), endsAt: iso('2026-03-28T03:00:00Z') },
      // Summer time from 29 March: 02:00 CEST is 00:00Z.
      { startsAt: iso('2026-04-04T00:00:00Z'), endsAt: iso('2026-04-04T02:00:00Z') },
      { startsAt: iso('2026-04-11T00:00:00Z'), endsAt: iso('2026-04-11T02:00:00Z') },
    ]);
  });

  it('places a local time the autumn change shows twice at its first occurrence', () => {
    const sundays = window({ start: '2026-10-18T02:30:00', rrule: 'FREQ=WEEKLY;BYDAY=SU' });
    expect(starts(sundays, '2026-10-01T00:00:00Z', '2026-11-05T00:00:00Z')).toEqual([
      '2026-10-18T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z',
    ]);
  });

  it('moves a local time the spring change skips to after the jump', () => {
    const nightly = window({ start: '2026-03-27T02:30:00', rrule: 'FREQ=DAILY' });
    expect(starts(nightly, '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-27T01:30:00.000Z', '2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('follows monthly rules such as the first Monday, in the window zone', () => {
    const monthly = window({ start: '2026-01-05T22:00:00', timeZone: 'America/New_York', durationMs: HOUR, rrule: 'FREQ=MONTHLY;BYDAY=1MO' });
    expect(starts(monthly, '2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([
      '2026-01-06T03:00:00.000Z', '2026-02-03T03:00:00.000Z', '2026-03-03T03:00:00.000Z', '2026-04-07T02:00:00.000Z',
    ]);
  });

  it('stops at UNTIL, read in UTC when it ends in Z, and after COUNT occurrences', () => {
    const until = (value: string): MaintenanceWindow => window({ rrule: `FREQ=DAILY;UNTIL=${value}` });
    expect(starts(until('20260310T010000Z'), '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual([
      '2026-03-07T01:00:00.000Z', '2026-03-08T01:00:00.000Z', '2026-03-09T01:00:00.000Z', '2026-03-10T01:00:00.000Z',
    ]);
    expect(starts(until('20260310T005959Z'), '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toHaveLength(3);
    expect(starts(until('20260310T020000'), '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toHaveLength(4);
    expect(starts(window({ rrule: 'FREQ=WEEKLY;COUNT=2' }), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([
      '2026-03-07T01:00:00.000Z', '2026-03-14T01:00:00.000Z',
    ]);
  });

  it('happens once without a rule, and stays cheap years after its start', () => {
    expect(starts(window({}), '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2026-03-07T01:00:00.000Z']);
    const daily = window({ start: '2020-01-01T03:00:00', timeZone: 'UTC', rrule: 'FREQ=DAILY' });
    expect(starts(daily, '2030-06-01T00:00:00Z', '2030-06-03T00:00:00Z')).toEqual(['2030-06-01T03:00:00.000Z', '2030-06-02T03:00:00.000Z']);
  });
});

describe('maintenanceOccurrenceAt', () => {
  const once = window({ start: '2026-05-01T20:00:00', timeZone: 'UTC', durationMs: 30 * MINUTE });

  it('covers [start, start + duration)', () => {
    expect(maintenanceOccurrenceAt(once, iso('2026-05-01T19:59:59.999Z'))).toBeNull();
    expect(maintenanceOccurrenceAt(once, iso('2026-05-01T20:00:00Z'))).toEqual({ startsAt: iso('2026-05-01T20:00:00Z'), endsAt: iso('2026-05-01T20:30:00Z') });
    expect(maintenanceOccurrenceAt(once, iso('2026-05-01T20:29:59.999Z'))).not.toBeNull();
    expect(maintenanceOccurrenceAt(once, iso('2026-05-01T20:30:00Z'))).toBeNull();
  });

  it('gives the occurrence that ends last when occurrences overlap', () => {
    const long = window({ start: '2026-05-01T00:00:00', timeZone: 'UTC', durationMs: 36 * HOUR, rrule: 'FREQ=DAILY' });
    expect(maintenanceOccurrenceAt(long, iso('2026-05-02T06:00:00Z'))).toEqual({ startsAt: iso('2026-05-02T00:00:00Z'), endsAt: iso('2026-05-03T12:00:00Z') });
  });
});

describe('checkMaintenanceWindow', () => {
  it('says what is wrong', () => {
    expect(checkMaintenanceWindow(window({ rrule: 'FREQ=WEEKLY;BYDAY=SA' }))).toEqual({ ok: true, value: true });
    expect(checkMaintenanceWindow(window({ timeZone: 'Europe/Atlantis' }))).toEqual({ ok: false, error: 'unknown time zone `Europe/Atlantis`: use an IANA name such as Europe/Berlin or UTC' });
    expect(checkMaintenanceWindow(window({ start: '2026-02-30T02:00:00' }))).toEqual({ ok: false, error: 'start `2026-02-30T02:00:00` is not a local date and time such as 2026-03-07T02:00:00' });
    expect(checkMaintenanceWindow(window({ rrule: 'FREQ=WEEKLY;BYDAY=XX' }))).toEqual({ ok: false, error: '`XX` is not a weekday such as MO, SA or 1MO (the first Monday)' });
    expect(checkMaintenanceWindow(window({ durationMs: 0 }))).toEqual({ ok: false, error: 'a maintenance window needs a duration above zero' });
  });

  it('has no occurrences when invalid', () => {
    expect(maintenanceOccurrences(window({ rrule: 'FREQ=NEVER' }), 0, Date.UTC(2030, 0, 1))).toEqual([]);
  });
});
