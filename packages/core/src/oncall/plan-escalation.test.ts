import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EscalationLevel, EscalationPolicy } from './escalation-policy';
import { planEscalation, type PlanEscalationOptions } from './plan-escalation';
import type { ScheduleDefinition } from './schedule-definition';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const utc = Date.UTC;

// Weekly from Mon 16 Mar 2026 09:00 CET (08:00Z): ana's week; dan overrides from Wed 18 Mar 17:00Z.
const primary: ScheduleDefinition = {
  name: 'primary',
  timeZone: 'Europe/Berlin',
  layers: [{ name: 'weekly', users: ['ana', 'ben', 'cem'], start: utc(2026, 2, 16, 8), turnLengthMs: 7 * DAY, restrictions: [] }],
  overrides: [{ user: 'dan', from: utc(2026, 2, 18, 17), to: utc(2026, 2, 19, 7) }],
};
// Weekdays 09:00–17:00 CET only (08:00Z–16:00Z): nobody at night or at weekends.
const office: ScheduleDefinition = {
  name: 'office',
  timeZone: 'Europe/Berlin',
  layers: [{
    name: 'office', users: ['oli'], start: utc(2026, 2, 16, 8), turnLengthMs: 7 * DAY,
    restrictions: [{ kind: 'daily', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 }],
  }],
  overrides: [],
};
const schedules = new Map([[primary.name, primary], [office.name, office]]);

const level = (targets: EscalationLevel['targets'], escalateAfterMinutes: number, mode: EscalationLevel['mode'] = 'all'): EscalationLevel =>
  ({ targets, mode, escalateAfterMs: escalateAfterMinutes * MINUTE });
const users = (...names: string[]) => names.map((user) => ({ kind: 'user', user }) as const);
const schedule = (name: string) => ({ kind: 'schedule', schedule: name }) as const;

// Level 1: the primary schedule, 15 min to ack. Level 2: dan, eve or fay in turn, 10 min. Level 3: gus, 20 min. Once more after that.
const policy: EscalationPolicy = {
  name: 'payments',
  repeat: 1,
  levels: [level([schedule('primary')], 15), level(users('dan', 'eve', 'fay'), 10, 'round-robin'), level(users('gus'), 20)],
};
const plan = (options: Partial<PlanEscalationOptions>) => {
  const result = planEscalation({ policy, alertStart: utc(2026, 2, 18, 12), incidentNumber: 0, schedules, ...options });
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('planEscalation', () => {
  it('pages each level after the delays before it, then the whole policy again', () => {
    // Incident 4: round-robin index (4 + 0) mod 3 = 1 (eve) on the first pass, (4 + 1) mod 3 = 2 (fay) on the repeat.
    // Times: 12:00, +15 → 12:15, +10 → 12:25, +20 → 12:45 (repeat), +15 → 13:00, +10 → 13:10.
    expect(plan({ incidentNumber: 4 })).toEqual({
      pages: [
        { at: utc(2026, 2, 18, 12, 0), level: 1, round: 0, users: ['ana'] },
        { at: utc(2026, 2, 18, 12, 15), level: 2, round: 0, users: ['eve'] },
        { at: utc(2026, 2, 18, 12, 25), level: 3, round: 0, users: ['gus'] },
        { at: utc(2026, 2, 18, 12, 45), level: 1, round: 1, users: ['ana'] },
        { at: utc(2026, 2, 18, 13, 0), level: 2, round: 1, users: ['fay'] },
        { at: utc(2026, 2, 18, 13, 10), level: 3, round: 1, users: ['gus'] },
      ],
      unstaffed: [],
    });
  });

  it('gives consecutive incidents to consecutive people on a round-robin level', () => {
    const secondLevel = (incidentNumber: number) => plan({ incidentNumber }).pages.find((page) => page.level === 2)?.users;
    expect([0, 1, 2, 3].map(secondLevel)).toEqual([['dan'], ['eve'], ['fay'], ['dan']]);
  });

  it('asks the schedule who is on call when each level is paged', () => {
    // Alert at 16:30Z: level 1 pages ana; the repeat's level 1 comes at 16:30 + 45 min = 17:15Z, inside dan's override.
    const pages = plan({ alertStart: utc(2026, 2, 18, 16, 30) }).pages.filter((page) => page.level === 1);
    expect(pages).toEqual([
      { at: utc(2026, 2, 18, 16, 30), level: 1, round: 0, users: ['ana'] },
      { at: utc(2026, 2, 18, 17, 15), level: 1, round: 1, users: ['dan'] },
    ]);
  });

  it('pages everyone of an `all` level once, in target order', () => {
    const allHands: EscalationPolicy = { name: 'all-hands', repeat: 0, levels: [level([...users('gus'), schedule('primary'), ...users('ana', 'gus')], 5)] };
    expect(plan({ policy: allHands }).pages).toEqual([{ at: utc(2026, 2, 18, 12), level: 1, round: 0, users: ['gus', 'ana'] }]);
  });

  it('passes a level with nobody on call to the next level at once', () => {
    // Saturday 21 Mar 12:00Z: the office schedule has nobody, so level 2 is paged at once, and its
    // 10 minutes are the first delay. The repeat comes 10 + 20 = 30 min later, and finds the office empty again.
    const officeFirst: EscalationPolicy = { name: 'office-first', repeat: 1, levels: [level([schedule('office')], 15), level(users('gus'), 10), level(users('ana'), 20)] };
    const saturday = utc(2026, 2, 21, 12);
    expect(plan({ policy: officeFirst, alertStart: saturday })).toEqual({
      pages: [
        { at: saturday, level: 2, round: 0, users: ['gus'] },
        { at: saturday + 10 * MINUTE, level: 3, round: 0, users: ['ana'] },
        { at: saturday + 30 * MINUTE, level: 2, round: 1, users: ['gus'] },
        { at: saturday + 40 * MINUTE, level: 3, round: 1, users: ['ana'] },
      ],
      unstaffed: [
        { at: saturday, level: 1, round: 0 },
        { at: saturday + 30 * MINUTE, level: 1, round: 1 },
      ],
    });
    // On Monday at 09:30 CET (08:30Z) oli is in.
    expect(plan({ policy: officeFirst, alertStart: utc(2026, 2, 23, 8, 30) }).pages[0]).toEqual({ at: utc(2026, 2, 23, 8, 30), level: 1, round: 0, users: ['oli'] });
  });

  it('fails as a value for a policy it cannot plan', () => {
    const broken: EscalationPolicy = { name: 'broken', repeat: 10, levels: [level([schedule('secondary')], 0), level([], 5)] };
    expect(planEscalation({ policy: broken, alertStart: 0, incidentNumber: -1, schedules })).toEqual({
      ok: false,
      error: 'escalation policy "broken": repeat 10 is not a whole number from 0 to 9; level 1: escalateAfter 0 ms is not positive; '
        + 'level 1: schedule "secondary" is not given; level 2 has no targets; incident number -1 is not a whole number ≥ 0',
    });
    expect(planEscalation({ policy: { name: 'empty', repeat: 0, levels: [] }, alertStart: 0, incidentNumber: 0, schedules })).toEqual({
      ok: false, error: 'escalation policy "empty": has no levels',
    });
  });
});

describe('planEscalation properties', () => {
  const targetArb = fc.oneof(fc.constantFrom('ana', 'ben', 'gus').map((user) => ({ kind: 'user', user }) as const), fc.constantFrom(schedule('primary'), schedule('office')));
  const levelArb = fc.record({
    targets: fc.array(targetArb, { minLength: 1, maxLength: 3 }),
    mode: fc.constantFrom('all' as const, 'round-robin' as const),
    escalateAfterMs: fc.integer({ min: 1, max: 120 }).map((minutes) => minutes * MINUTE),
  });
  const policyArb = fc.record({ levels: fc.array(levelArb, { minLength: 1, maxLength: 4 }), repeat: fc.integer({ min: 0, max: 9 }) }).map((p) => ({ name: 'random', ...p }));

  it('accounts for every level of every round once, in time order, one person per round-robin page', () => {
    fc.assert(fc.property(policyArb, fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.nat(1000), (randomPolicy, minute, incidentNumber) => {
      const result = plan({ policy: randomPolicy, alertStart: utc(2026, 2, 16) + minute * MINUTE, incidentNumber });
      const steps = [...result.pages, ...result.unstaffed].sort((a, b) => a.round - b.round || a.level - b.level);
      expect(steps.map((step) => [step.round, step.level])).toEqual(
        Array.from({ length: randomPolicy.repeat + 1 }, (_, round) => randomPolicy.levels.map((_, index) => [round, index + 1])).flat());
      steps.slice(1).forEach((step, i) => expect(step.at).toBeGreaterThanOrEqual(steps[i]!.at));
      for (const page of result.pages) {
        expect(page.users.length).toBeGreaterThan(0);
        if (randomPolicy.levels[page.level - 1]!.mode === 'round-robin') expect(page.users).toHaveLength(1);
      }
    }), { numRuns: 100 });
  });
});
