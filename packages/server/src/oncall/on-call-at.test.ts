import type { ScheduleDefinition } from '@xops/core';
import { describe, expect, it } from 'vitest';
import { onCallAt } from './on-call-at';

const MINUTE = 60_000;
const start = Date.parse('2026-01-05T08:00:00Z');
const schedule = (users: string[], turnLengthMs: number): ScheduleDefinition => ({
  name: 's', timeZone: 'Europe/Berlin', overrides: [], layers: [{ name: 'l', users, start, turnLengthMs, restrictions: [] }],
});

describe('onCallAt', () => {
  it('finds the whole stretch, looking further back when it began long ago, and says when it has no end', () => {
    // One person, weekly: every turn is ana's, merged into one stretch from the first handoff on.
    expect(onCallAt(schedule(['ana'], 7 * 1440 * MINUTE), Date.parse('2026-02-20T12:00:00Z'))).toEqual({
      ok: true, value: { user: 'ana', source: { kind: 'layer', layer: 'l' }, since: start, until: null },
    });
  });

  it('gives one turn of a short rotation', () => {
    const at = start + 91 * MINUTE + 30_000; // turn 91 (counting from 0): ben's, as every odd turn
    expect(onCallAt(schedule(['ana', 'ben'], MINUTE), at)).toEqual({
      ok: true, value: { user: 'ben', source: { kind: 'layer', layer: 'l' }, since: start + 91 * MINUTE, until: start + 92 * MINUTE },
    });
  });

  it('has nobody and no start before the schedule begins', () => {
    expect(onCallAt(schedule(['ana'], 1440 * MINUTE), start - MINUTE)).toEqual({ ok: true, value: { user: null, source: null, since: null, until: start } });
  });
});
