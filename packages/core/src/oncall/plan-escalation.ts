import type { Result } from '../result';
import type { EscalationLevel, EscalationPlan, EscalationPolicy, PlannedPage } from './escalation-policy';
import { whoIsOnCall } from './final-schedule';
import type { ScheduleDefinition } from './schedule-definition';

/** The most repeats a policy may ask for, as PagerDuty's UI allows (`num_loops` ≤ 9). */
export const MAX_ESCALATION_REPEAT = 9;

export interface PlanEscalationOptions {
  readonly policy: EscalationPolicy;
  /** When the incident started (epoch ms): the first level is paged then. */
  readonly alertStart: number;
  /** 0 for the first incident this policy handles, 1 for the next…: turns the round-robin levels. */
  readonly incidentNumber: number;
  /** Every schedule the policy names, by name. */
  readonly schedules: ReadonlyMap<string, ScheduleDefinition>;
}

/**
 * Every page an incident's escalation will send if nobody acknowledges: level 1 at `alertStart`,
 * each next level `escalateAfterMs` after the one before, and the whole policy again `repeat`
 * times after the last level's delay.
 *
 * - A schedule target pages whoever is on call at the moment its level is paged.
 * - `round-robin` pages one person of the level's (deduplicated) people: the one at index
 *   `(incidentNumber + round) mod count`, so consecutive incidents go to consecutive people
 *   and a repeat of the same incident pages the next person.
 * - A level with nobody to page passes to the next level at once, as PagerDuty does, and is listed
 *   in `unstaffed`. A plan with no pages at all is still a plan: the caller decides how to raise it.
 *
 * Fails (as a value) for an invalid policy or incident number, a schedule missing from
 * `schedules`, or a schedule `finalSchedule` refuses.
 *
 * @example planEscalation({ policy: { name: 'p', repeat: 0, levels: [
 *   { targets: [{ kind: 'user', user: 'ana' }], mode: 'all', escalateAfterMs: 900_000 },
 *   { targets: [{ kind: 'user', user: 'ben' }], mode: 'all', escalateAfterMs: 900_000 }] },
 *   alertStart: 0, incidentNumber: 0, schedules: new Map() })
 *   // → { ok: true, value: { pages: [{ at: 0, level: 1, round: 0, users: ['ana'] },
 *   //                                { at: 900_000, level: 2, round: 0, users: ['ben'] }], unstaffed: [] } }
 */
export function planEscalation(options: PlanEscalationOptions): Result<EscalationPlan, string> {
  const { policy, alertStart, incidentNumber, schedules } = options;
  const problems = policyProblems(policy, schedules);
  if (!Number.isSafeInteger(incidentNumber) || incidentNumber < 0) problems.push(`incident number ${incidentNumber} is not a whole number ≥ 0`);
  if (!Number.isFinite(alertStart)) problems.push('the alert has no start');
  if (problems.length > 0) return { ok: false, error: `escalation policy "${policy.name}": ${problems.join('; ')}` };

  const pages: PlannedPage[] = [];
  const unstaffed: Omit<PlannedPage, 'users'>[] = [];
  let at = alertStart;
  for (let round = 0; round <= policy.repeat; round++) {
    for (const [index, level] of policy.levels.entries()) {
      const people = peopleAt(level, at, schedules);
      if (!people.ok) return { ok: false, error: `escalation policy "${policy.name}": ${people.error}` };
      const step = { at, level: index + 1, round };
      if (people.value.length === 0) {
        unstaffed.push(step);
        continue;
      }
      const turn = (incidentNumber + round) % people.value.length;
      pages.push({ ...step, users: level.mode === 'all' ? people.value : people.value.slice(turn, turn + 1) });
      at += level.escalateAfterMs;
    }
  }
  return { ok: true, value: { pages, unstaffed } };
}

function peopleAt(level: EscalationLevel, at: number, schedules: ReadonlyMap<string, ScheduleDefinition>): Result<string[], string> {
  const people = new Set<string>();
  for (const target of level.targets) {
    if (target.kind === 'user') {
      people.add(target.user);
      continue;
    }
    const schedule = schedules.get(target.schedule);
    if (schedule === undefined) return { ok: false, error: `schedule "${target.schedule}" is not given` };
    const onCall = whoIsOnCall(schedule, at);
    if (!onCall.ok) return onCall;
    if (onCall.value !== undefined) people.add(onCall.value);
  }
  return { ok: true, value: [...people] };
}

function policyProblems(policy: EscalationPolicy, schedules: ReadonlyMap<string, ScheduleDefinition>): string[] {
  const problems: string[] = [];
  if (policy.levels.length === 0) problems.push('has no levels');
  if (!(Number.isInteger(policy.repeat) && policy.repeat >= 0 && policy.repeat <= MAX_ESCALATION_REPEAT)) {
    problems.push(`repeat ${policy.repeat} is not a whole number from 0 to ${MAX_ESCALATION_REPEAT}`);
  }
  policy.levels.forEach((level, index) => {
    const what = `level ${index + 1}`;
    if (level.targets.length === 0) problems.push(`${what} has no targets`);
    if (!(Number.isFinite(level.escalateAfterMs) && level.escalateAfterMs > 0)) problems.push(`${what}: escalateAfter ${level.escalateAfterMs} ms is not positive`);
    for (const target of level.targets) {
      if (target.kind === 'schedule' && !schedules.has(target.schedule)) problems.push(`${what}: schedule "${target.schedule}" is not given`);
    }
  });
  return problems;
}
