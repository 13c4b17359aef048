import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EscalationLevel, EscalationPolicy, PlannedPage } from './escalation-policy';
import { escalationStep, type EscalationPosition } from './escalation-step';
import { planEscalation } from './plan-escalation';
import type { ScheduleDefinition } from './schedule-definition';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const utc = Date.UTC;

// Weekdays 09:00–17:00 CET (08:00Z–16:00Z) only: nobody at weekends.
const office: ScheduleDefinition = {
  name: 'office',
  timeZone: 'Europe/Berlin',
  layers: [{
    name: 'office', users: ['oli'], start: utc(2026, 2, 16, 8), turnLengthMs: 7 * DAY,
    restrictions: [{ kind: 'daily', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 }],
  }],
  overrides: [],
};
const schedules = new Map([[office.name, office]]);
const level = (targets: EscalationLevel['targets'], minutes: number, mode: EscalationLevel['mode'] = 'all'): EscalationLevel =>
  ({ targets, mode, escalateAfterMs: minutes * MINUTE });
const users = (...names: string[]) => names.map((user) => ({ kind: 'user', user }) as const);

// Level 1: the office schedule, 15 min; level 2: dan or eve in turn, 10 min; level 3: gus, 20 min; once more after that.
const policy: EscalationPolicy = {
  name: 'payments',
  repeat: 1,
  levels: [level([{ kind: 'schedule', schedule: 'office' }], 15), level(users('dan', 'eve'), 10, 'round-robin'), level(users('gus'), 20)],
};
const step = (position: EscalationPosition, now: number, incidentNumber = 3) => {
  const result = escalationStep({ policy, schedules, incidentNumber, position, now });
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('escalationStep', () => {
  it('pages the level due and schedules the next one its delay later', () => {
    const wednesday = utc(2026, 2, 18, 12);
    expect(step({ level: 1, round: 0 }, wednesday)).toEqual({
      page: { at: wednesday, level: 1, round: 0, users: ['oli'] }, unstaffed: [], next: { level: 2, round: 0, at: wednesday + 15 * MINUTE },
    });
    // Incident 3, round 0: (3 + 0) mod 2 = 1 → eve; next is level 3, 10 min later.
    expect(step({ level: 2, round: 0 }, wednesday + 15 * MINUTE)).toMatchObject({ page: { level: 2, users: ['eve'] }, next: { level: 3, round: 0, at: wednesday + 25 * MINUTE } });
    // After the last level comes the repeat's first level, the last level's 20 min later.
    expect(step({ level: 3, round: 0 }, wednesday + 25 * MINUTE).next).toEqual({ level: 1, round: 1, at: wednesday + 45 * MINUTE });
    // The repeat's round-robin turn moves on: (3 + 1) mod 2 = 0 → dan. And after the repeat's last level, nothing.
    expect(step({ level: 2, round: 1 }, wednesday).page?.users).toEqual(['dan']);
    expect(step({ level: 3, round: 1 }, wednesday).next).toBeUndefined();
  });

  it('passes over a level with nobody on call, into the next round when the round runs out', () => {
    const saturday = utc(2026, 2, 21, 12);
    expect(step({ level: 1, round: 0 }, saturday)).toEqual({
      page: { at: saturday, level: 2, round: 0, users: ['eve'] }, unstaffed: [{ at: saturday, level: 1, round: 0 }], next: { level: 3, round: 0, at: saturday + 10 * MINUTE },
    });
    const officeOnly: EscalationPolicy = { name: 'office-only', repeat: 1, levels: [level([{ kind: 'schedule', schedule: 'office' }], 15)] };
    expect(escalationStep({ policy: officeOnly, schedules, incidentNumber: 0, position: { level: 1, round: 0 }, now: saturday })).toEqual({
      ok: true,
      value: { page: undefined, unstaffed: [{ at: saturday, level: 1, round: 0 }, { at: saturday, level: 1, round: 1 }], next: undefined },
    });
  });

  it('refuses a position outside the policy', () => {
    expect(escalationStep({ policy, schedules, incidentNumber: 0, position: { level: 4, round: 0 }, now: 0 })).toEqual({
      ok: false, error: 'escalation policy "payments": level 4, round 0 is not in the policy',
    });
  });

  it('pages exactly what planEscalation plans when every level is paged when due', () => {
    const targetArb = fc.oneof(fc.constantFrom('ana', 'ben', 'gus').map((user) => ({ kind: 'user', user }) as const), fc.constant({ kind: 'schedule', schedule: 'office' } as const));
    const levelArb = fc.record({
      targets: fc.array(targetArb, { minLength: 1, maxLength: 3 }),
      mode: fc.constantFrom('all' as const, 'round-robin' as const),
      escalateAfterMs: fc.integer({ min: 1, max: 600 }).map((minutes) => minutes * MINUTE),
    });
    const policyArb = fc.record({ levels: fc.array(levelArb, { minLength: 1, maxLength: 4 }), repeat: fc.integer({ min: 0, max: 3 }) }).map((p) => ({ name: 'random', ...p }));
    fc.assert(fc.property(policyArb, fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.nat(100), (randomPolicy, minute, incidentNumber) => {
      const start = utc(2026, 2, 16) + minute * MINUTE;
      const planned = planEscalation({ policy: randomPolicy, alertStart: start, incidentNumber, schedules });
      if (!planned.ok) throw new Error(planned.error);
      const stepped: PlannedPage[] = [];
      let position: (EscalationPosition & { at: number }) | undefined = { level: 1, round: 0, at: start };
      while (position !== undefined) {
        const result = escalationStep({ policy: randomPolicy, schedules, incidentNumber, position, now: position.at });
        if (!result.ok) throw new Error(result.error);
        if (result.value.page !== undefined) stepped.push(result.value.page);
        position = result.value.next;
      }
      expect(stepped).toEqual(planned.value.pages);
    }), { numRuns: 100 });
  });
});
