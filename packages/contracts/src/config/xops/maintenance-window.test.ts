import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';
import { isLocalDateTime } from './maintenance-window';

const window = (spec: unknown): unknown => ({ apiVersion: 'xops.dev/v1', kind: 'MaintenanceWindow', metadata: { name: 'checkout-db-patching' }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};

/** examples/routing/maintenance-windows.yaml. */
const exampleWindow = window({
  description: 'Weekly database patching',
  services: ['checkout'],
  start: '2026-03-07T02:00',
  timeZone: 'Europe/Berlin',
  duration: '2h',
  rrule: 'FREQ=WEEKLY;BYDAY=SA',
  suppress: 'pages',
});

describe('MaintenanceWindow', () => {
  it('accepts the example as written, and a one-off window by matchers in UTC', () => {
    expect(validateConfigDocument(exampleWindow)).toEqual({ ok: true, value: exampleWindow });
    expect(problemsOf(window({ matchers: ['env="staging"'], start: '2026-05-01T20:00:00', duration: '30m', suppress: 'all' }))).toEqual([]);
  });

  it('says how to fix the time, the rule and the scope', () => {
    expect(problemsOf(window({ start: '2026-03-07T02:00:00Z', timeZone: 'Mars/Base', duration: '30s', rrule: 'FREQ=WEEKLY;BYDAY=XX', suppress: 'some' }))).toEqual([
      { path: ['spec', 'start'], message: 'start `2026-03-07T02:00:00Z` has an offset: write the local date and time without it, e.g. 2026-03-07T02:00, and the zone in timeZone' },
      { path: ['spec', 'timeZone'], message: 'timeZone `Mars/Base` is not a time zone of the IANA database: use a name such as Europe/Berlin or UTC' },
      { path: ['spec', 'duration'], message: 'duration `30s` is out of range: use from 1m to 31d' },
      { path: ['spec', 'rrule'], message: 'rrule `FREQ=WEEKLY;BYDAY=XX`: `XX` is not a weekday such as MO, SA or 1MO (the first Monday)' },
      { path: ['spec', 'suppress'], message: '`suppress` must be one of `pages`, `all`, not `some`' },
      { path: ['spec'], message: 'say which alerts the window covers: `services` (e.g. [checkout]), `matchers`, or both' },
    ]);
    expect(problemsOf(window({ services: ['checkout'], start: '2026-02-30T02:00', duration: '2h', rrule: 'FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z' }))).toEqual([
      { path: ['spec', 'start'], message: 'start `2026-02-30T02:00` is not a local date and time such as 2026-03-07T02:00 (quote it in YAML)' },
      { path: ['spec', 'rrule'], message: 'rrule `FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z`: give UNTIL or COUNT, not both' },
    ]);
    expect(problemsOf(window({ services: ['checkout'], start: '2026-03-07T02:00' })).map((problem) => problem.message)).toEqual(['`duration` is required: how long each occurrence lasts, e.g. 2h']);
  });

  it('reads local date-times strictly', () => {
    expect(['2026-03-07T02:00', '2026-03-07T02:00:30', '2028-02-29T23:59'].map(isLocalDateTime)).toEqual([true, true, true]);
    expect(['2026-03-07 02:00', '2026-03-07T24:00', '2027-02-29T00:00', '2026-03-07', '1969-12-31T23:00'].map(isLocalDateTime)).toEqual([false, false, false, false, false]);
  });
});
