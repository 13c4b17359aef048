import { scheduleTimeInstant } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { scheduleTimeText, withOverride } from './add-override';

const SCHEDULE = {
  apiVersion: 'xops.dev/v1',
  kind: 'Schedule',
  metadata: { name: 'payments-primary' },
  spec: {
    team: 'payments',
    timeZone: 'Europe/Berlin',
    layers: [{ name: 'weekly', users: ['ana', 'ben'], rotation: 'weekly', start: '2026-01-05T09:00' }],
    overrides: [{ user: 'ben', from: '2026-01-07T18:00', to: '2026-01-08T09:00' }],
  },
};

describe('scheduleTimeText', () => {
  it('writes an exact UTC time to the minute, with seconds only when there are some', () => {
    expect(scheduleTimeText(Date.UTC(2026, 2, 10, 17))).toBe('2026-03-10T17:00Z');
    expect(scheduleTimeText(Date.UTC(2026, 2, 10, 17, 5, 30))).toBe('2026-03-10T17:05:30Z');
  });

  it('reads back as the same instant in any schedule time zone', () => {
    const at = Date.UTC(2026, 9, 25, 0, 30);
    expect(scheduleTimeInstant(scheduleTimeText(at), 'Europe/Berlin')).toBe(at);
    expect(scheduleTimeInstant(scheduleTimeText(at), 'America/New_York')).toBe(at);
  });
});

describe('withOverride', () => {
  it('appends the override after the existing ones and keeps every other field', () => {
    const result = withOverride(SCHEDULE, { user: ' cem ', from: Date.UTC(2026, 2, 10, 17), to: Date.UTC(2026, 2, 11, 8) });
    expect(result).toEqual({
      ok: true,
      value: {
        ...SCHEDULE,
        spec: {
          ...SCHEDULE.spec,
          overrides: [
            { user: 'ben', from: '2026-01-07T18:00', to: '2026-01-08T09:00' },
            { user: 'cem', from: '2026-03-10T17:00Z', to: '2026-03-11T08:00Z' },
          ],
        },
      },
    });
    // The document it was given is left alone.
    expect(SCHEDULE.spec.overrides).toHaveLength(1);
  });

  it('starts the list when the schedule has no override yet', () => {
    const { overrides: _none, ...spec } = SCHEDULE.spec;
    const result = withOverride({ ...SCHEDULE, spec }, { user: 'ana', from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 2) });
    expect(result.ok && result.value.spec).toEqual({ ...spec, overrides: [{ user: 'ana', from: '2026-03-01T00:00Z', to: '2026-03-02T00:00Z' }] });
  });

  it('refuses no person, an end not after the start, and a document without a spec', () => {
    const from = Date.UTC(2026, 2, 1);
    expect(withOverride(SCHEDULE, { user: '  ', from, to: from + 1 })).toEqual({ ok: false, error: 'Pick who is on call instead.' });
    expect(withOverride(SCHEDULE, { user: 'ana', from, to: from })).toEqual({ ok: false, error: 'The override must end after it starts.' });
    expect(withOverride(SCHEDULE, { user: 'ana', from, to: Number.NaN })).toEqual({ ok: false, error: 'Give a start and an end.' });
    expect(withOverride({ kind: 'Schedule' }, { user: 'ana', from, to: from + 1 })).toEqual({ ok: false, error: 'The Schedule has no spec to add the override to.' });
  });
});
