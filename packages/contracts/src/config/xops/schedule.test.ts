import { finalSchedule, whoIsOnCall } from '@xops/core';
import { describe, expect, it } from 'vitest';
import type { ConfigObject, ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';
import { compileSchedule } from './compile-oncall';

const DAY = 86_400_000;
const utc = Date.UTC;
const schedule = (spec: unknown): unknown => ({ apiVersion: 'xops.dev/v1', kind: 'Schedule', metadata: { name: 'payments-primary' }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};
const checked = (value: unknown): ConfigObject => {
  const result = validateConfigDocument(value);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};
const layer = { users: ['ana'], rotation: 'weekly', start: '2026-01-05T09:00' };

// The same document as examples/oncall/schedule.yaml.
const example = schedule({
  description: 'Primary on-call for payments',
  team: 'payments',
  timeZone: 'Europe/Berlin',
  layers: [
    { name: 'weekly', users: ['ana', 'ben', 'cem'], rotation: 'weekly', start: '2026-01-05T09:00' },
    { name: 'office-hours', users: ['dora'], rotation: 'weekly', start: '2026-01-05T09:00', restrictions: [{ days: ['monday:friday'], from: '09:00', to: '17:00' }] },
  ],
  overrides: [{ user: 'ben', from: '2026-01-07T18:00', to: '2026-01-08T09:00' }],
});

describe('Schedule', () => {
  it('accepts the example: two layers, a restriction and an override', () => {
    expect(validateConfigDocument(example)).toEqual({ ok: true, value: example });
  });

  it('accepts every form of rotation, time and restriction', () => {
    expect(problemsOf(schedule({
      team: 'payments',
      timeZone: 'America/New_York',
      layers: [
        { ...layer, rotation: 'daily', restrictions: [{ from: '22:00', to: '06:00' }, { from: '00:00', to: '24:00', days: ['sat', 'Sunday'] }] },
        { ...layer, rotation: '12h', start: '2026-01-05T09:00:30', end: '2026-06-01T00:00Z' },
        { ...layer, name: 'weekend', rotation: '2w', start: '2026-01-05T09:00-05:00', restrictions: [{ from: 'friday 18:00', to: 'monday 08:00' }] },
        { ...layer, rotation: '90m' },
      ],
      overrides: [],
    }))).toEqual([]);
  });

  it('says how to fix rotations, times and restrictions', () => {
    expect(problemsOf(schedule({
      team: 'payments',
      timeZone: 'Europe/Berlin',
      layers: [
        { ...layer, rotation: '1M', start: '2026-02-30T09:00' },
        { ...layer, rotation: 'fortnightly', start: '2026-03-02 09:00', end: '2026-03-01T09:00' },
        {
          ...layer, rotation: '0d',
          restrictions: [
            { from: '9am', to: '17:00' },
            { from: 'friday 18:00', to: '08:00' },
            { from: '09:00', to: 'monday 08:00' },
            { from: '09:00', to: '09:00', days: ['mon:fri', 'funday'] },
            { from: 'fri 18:00', to: 'mon 08:00', days: ['saturday'] },
            { from: '24:00', to: '06:00' },
          ],
        },
      ],
    }))).toEqual([
      { path: ['spec', 'layers', 0, 'rotation'], message: 'rotation `1M` has no fixed length (months, quarters and years vary): use daily, weekly, or a length in minutes, hours, days or weeks, e.g. 12h, 3d or 2w' },
      { path: ['spec', 'layers', 0, 'start'], message: 'start `2026-02-30T09:00` is not a date and time: write YYYY-MM-DDTHH:MM in the schedule\'s time zone, e.g. "2026-03-02T09:00", or add an offset for an exact instant, e.g. "2026-03-02T08:00Z"' },
      { path: ['spec', 'layers', 1, 'rotation'], message: 'rotation `fortnightly` is not a rotation length: use daily, weekly, or a length in minutes, hours, days or weeks, e.g. 12h, 3d or 2w' },
      { path: ['spec', 'layers', 1, 'start'], message: 'start `2026-03-02 09:00` is not a date and time: write YYYY-MM-DDTHH:MM in the schedule\'s time zone, e.g. "2026-03-02T09:00", or add an offset for an exact instant, e.g. "2026-03-02T08:00Z"' },
      { path: ['spec', 'layers', 2, 'rotation'], message: 'rotation `0d` has no length: use daily, weekly, or a length in minutes, hours, days or weeks, e.g. 12h, 3d or 2w' },
      { path: ['spec', 'layers', 2, 'restrictions', 0, 'from'], message: '`from` `9am` is not a time: write HH:MM in 24-hour time, e.g. "09:00", or a day and a time for a weekly range, e.g. "friday 18:00"' },
      { path: ['spec', 'layers', 2, 'restrictions', 1, 'to'], message: '`from` names a day, so `to` needs one too, e.g. "monday 08:00"' },
      { path: ['spec', 'layers', 2, 'restrictions', 2, 'to'], message: '`from` is a time of day, so `to` must be one too, e.g. "17:00"; for a weekly range give both a day, e.g. from "friday 18:00" to "monday 08:00"' },
      { path: ['spec', 'layers', 2, 'restrictions', 3, 'days', 1], message: '`funday` is not a day: use monday … sunday (or mon … sun), or a range such as monday:friday' },
      { path: ['spec', 'layers', 2, 'restrictions', 3], message: 'the range from "09:00" to "09:00" has no length: give it one, or leave out `restrictions` to be on call all the time' },
      { path: ['spec', 'layers', 2, 'restrictions', 4, 'days'], message: '`days` is for ranges of each day; a weekly range names its days in `from` and `to`: leave `days` out' },
      { path: ['spec', 'layers', 2, 'restrictions', 5, 'from'], message: '`from` cannot be 24:00: a range starts from 00:00 to 23:59' },
    ]);
  });

  it('checks that layers and overrides end after they start, and that layer names are unique', () => {
    expect(problemsOf(schedule({
      team: 'payments',
      timeZone: 'Europe/Berlin',
      layers: [{ ...layer, end: '2026-01-05T08:00Z' }, { ...layer, name: 'layer-1' }, { ...layer, name: 'nights' }, { ...layer, name: 'nights' }],
      // 09:00 in Berlin is 08:00Z in January: an override that ends when it starts.
      overrides: [{ user: 'ana', from: '2026-01-07T09:00', to: '2026-01-07T08:00Z' }, { usr: 'ben', from: '2026-01-07T09:00', to: '2026-01-07T10:00' }],
    }))).toEqual([
      { path: ['spec', 'overrides', 1, 'user'], message: '`user` is required: the member of the team on call instead, e.g. ana' },
      { path: ['spec', 'overrides', 1, 'usr'], message: 'unknown field `usr`: did you mean `user`? Allowed here: user, from, to' },
      { path: ['spec', 'layers', 0, 'end'], message: '`end` must be after `start` (2026-01-05T09:00)' },
      { path: ['spec', 'layers', 1, 'name'], message: 'layer name `layer-1` is taken by layer 1: give each layer a name of its own' },
      { path: ['spec', 'layers', 3, 'name'], message: 'layer name `nights` is taken by layer 3: give each layer a name of its own' },
      { path: ['spec', 'overrides', 0, 'to'], message: '`to` must be after `from` (2026-01-07T09:00)' },
    ]);
    expect(problemsOf(schedule({ layers: [] }))).toEqual([
      { path: ['spec', 'team'], message: '`team` is required: the Team whose members are on call, e.g. payments' },
      { path: ['spec', 'timeZone'], message: '`timeZone` is required: the IANA time zone of handoffs and restrictions, e.g. Europe/Berlin' },
      { path: ['spec', 'layers'], message: '`layers` needs at least one item' },
    ]);
  });
});

describe('compileSchedule', () => {
  const compiled = compileSchedule(checked(example));

  it('places the example\'s times in Europe/Berlin and its restriction on weekdays', () => {
    // January is CET (UTC+1): 09:00 is 08:00Z, 18:00 is 17:00Z.
    expect(compiled).toEqual({
      ok: true,
      value: {
        name: 'payments-primary',
        timeZone: 'Europe/Berlin',
        layers: [
          { name: 'weekly', users: ['ana', 'ben', 'cem'], start: utc(2026, 0, 5, 8), turnLengthMs: 7 * DAY, restrictions: [] },
          { name: 'office-hours', users: ['dora'], start: utc(2026, 0, 5, 8), turnLengthMs: 7 * DAY, restrictions: [{ kind: 'daily', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 }] },
        ],
        overrides: [{ user: 'ben', from: utc(2026, 0, 7, 17), to: utc(2026, 0, 8, 8) }],
      },
    });
  });

  it('gives the example\'s final schedule: office hours over the week, the override on top', () => {
    if (!compiled.ok) throw new Error(compiled.error);
    // Wednesday 7 Jan in ana's week (turn 0): dora 09:00–17:00 local, ben from 18:00 to Thursday 09:00.
    expect(finalSchedule(compiled.value, { from: utc(2026, 0, 7, 0), to: utc(2026, 0, 8, 12) })).toEqual({
      ok: true,
      value: {
        range: { from: utc(2026, 0, 7, 0), to: utc(2026, 0, 8, 12) },
        entries: [
          { from: utc(2026, 0, 7, 0), to: utc(2026, 0, 7, 8), user: 'ana', source: { kind: 'layer', layer: 'weekly' } },
          { from: utc(2026, 0, 7, 8), to: utc(2026, 0, 7, 16), user: 'dora', source: { kind: 'layer', layer: 'office-hours' } },
          { from: utc(2026, 0, 7, 16), to: utc(2026, 0, 7, 17), user: 'ana', source: { kind: 'layer', layer: 'weekly' } },
          { from: utc(2026, 0, 7, 17), to: utc(2026, 0, 8, 8), user: 'ben', source: { kind: 'override' } },
          { from: utc(2026, 0, 8, 8), to: utc(2026, 0, 8, 12), user: 'dora', source: { kind: 'layer', layer: 'office-hours' } },
        ],
        gaps: [],
      },
    });
    // Mon 23 Mar is turn 11 (11 mod 3 = 2: cem) until Mon 30 Mar 09:00 CEST = 07:00Z; then office hours (dora)
    // until 17:00 CEST = 15:00Z, then turn 12 (ana).
    expect([utc(2026, 2, 29, 12), utc(2026, 2, 30, 6, 59), utc(2026, 2, 30, 7, 30), utc(2026, 2, 30, 15)].map((at) => whoIsOnCall(compiled.value, at)))
      .toEqual(['cem', 'cem', 'dora', 'ana'].map((value) => ({ ok: true, value })));
  });
});
