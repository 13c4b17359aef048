import type { Result } from '../result';
import type { EscalationPolicy, PlannedPage } from './escalation-policy';
import { planEscalation } from './plan-escalation';
import type { ScheduleDefinition } from './schedule-definition';

/** Where a running escalation stands: the level (1 for the first) and round (0 for the first pass) it pages next. */
export interface EscalationPosition {
  readonly level: number;
  readonly round: number;
}

/** What one step of a running escalation does now, and what it leaves for later. */
export interface EscalationStep {
  /** The page to send now; undefined when no level from the position on had anyone on call. */
  readonly page: PlannedPage | undefined;
  /** Levels passed over at once because they had nobody on call. */
  readonly unstaffed: readonly Omit<PlannedPage, 'users'>[];
  /** The level paged next and when (epoch ms); undefined when the policy has run out. */
  readonly next: (EscalationPosition & { readonly at: number }) | undefined;
}

export interface EscalationStepOptions {
  readonly policy: EscalationPolicy;
  /** Every schedule the policy names, by name. */
  readonly schedules: ReadonlyMap<string, ScheduleDefinition>;
  /** The incident's number: turns the round-robin levels, as in `planEscalation`. */
  readonly incidentNumber: number;
  /** The level due now. */
  readonly position: EscalationPosition;
  /** When the level is paged (epoch ms): schedules are asked who is on call then. */
  readonly now: number;
}

/**
 * One step of a running escalation (ADR 0011, ADR 0013): pages the level at `position` at `now`,
 * passing at once over levels with nobody on call (into the next round when a round runs out),
 * and says which level comes next and when: `escalateAfterMs` of the paged level later. The
 * loop that runs escalations calls it each time a level falls due, so a level paged late, or
 * early (a failed delivery moves on at once), pushes the later levels along with it; with the
 * levels paged on time, the steps page exactly what `planEscalation` plans.
 *
 * Fails (as a value) for a position outside the policy, or for whatever `planEscalation` refuses.
 *
 * @example escalationStep({ policy, schedules, incidentNumber: 4, position: { level: 1, round: 0 }, now: t })
 *   // → ok: { page: { at: t, level: 1, round: 0, users: ['ana'] }, unstaffed: [], next: { level: 2, round: 0, at: t + 900_000 } }
 */
export function escalationStep(options: EscalationStepOptions): Result<EscalationStep, string> {
  const { policy, schedules, incidentNumber, now } = options;
  const { level: startLevel, round: startRound } = options.position;
  const levels = policy.levels.length;
  if (!(Number.isInteger(startLevel) && startLevel >= 1 && startLevel <= levels && Number.isInteger(startRound) && startRound >= 0 && startRound <= policy.repeat)) {
    return { ok: false, error: `escalation policy "${policy.name}": level ${startLevel}, round ${startRound} is not in the policy` };
  }
  const unstaffed: Omit<PlannedPage, 'users'>[] = [];
  for (let round = startRound, first = startLevel; round <= policy.repeat; round++, first = 1) {
    // The rest of this round as a policy of its own, paged from now; its round 0 is our `round`,
    // so the round-robin turn `(incidentNumber + round) mod count` is unchanged.
    const rest = planEscalation({
      policy: { name: policy.name, repeat: 0, levels: policy.levels.slice(first - 1) },
      alertStart: now,
      incidentNumber: incidentNumber + round,
      schedules,
    });
    if (!rest.ok) return rest;
    const shifted = (level: number) => level + first - 1;
    const page = rest.value.pages[0];
    for (const skipped of rest.value.unstaffed) {
      if (page === undefined || skipped.level < page.level) unstaffed.push({ at: now, level: shifted(skipped.level), round });
    }
    if (page === undefined) continue;
    const level = shifted(page.level);
    const at = now + (policy.levels[level - 1]?.escalateAfterMs ?? 0);
    const next = level < levels ? { level: level + 1, round, at } : round < policy.repeat ? { level: 1, round: round + 1, at } : undefined;
    return { ok: true, value: { page: { at: now, level, round, users: page.users }, unstaffed, next } };
  }
  return { ok: true, value: { page: undefined, unstaffed, next: undefined } };
}
