import { formatPrometheusDuration, isoInstant, type RouteTestRouteBody } from '@xops/contracts';
import { finalSchedule, planEscalation, type EscalationLevel, type EscalationPolicy, type ScheduleDefinition } from '@xops/core';
import type { OncallDirectory } from '../oncall/oncall-directory';

type EscalationBody = NonNullable<RouteTestRouteBody['escalation']>;
type PageUser = EscalationBody['pages'][number]['users'][number];

export interface SimulateEscalationOptions {
  readonly policy: string;
  readonly directory: OncallDirectory;
  /** When the group first notifies: level 1 is paged then. */
  readonly start: number;
  readonly incidentNumber: number;
  /** False when the route notifies without paging: the levels are shown, no page is planned. */
  readonly pages: boolean;
}

/**
 * The escalation policy a route targets, with every page `planEscalation` plans from `start` if
 * nobody acknowledges: each person with the schedule and layer (or override) that put them on call.
 * A missing or broken policy or schedule is a `problem`, never a throw: the rest of the
 * simulation still stands.
 */
export function simulateEscalation(options: SimulateEscalationOptions): EscalationBody {
  const { policy: name, directory, start, incidentNumber } = options;
  const none: EscalationBody = { policy: name, repeat: 0, levels: [], pages: [], unstaffed: [], problem: null };
  const compiled = directory.policies.get(name);
  if (compiled === undefined) return { ...none, problem: `EscalationPolicy "${name}" does not exist: nobody would be paged` };
  if (!compiled.ok) return { ...none, problem: `${compiled.error}: nobody would be paged` };
  const policy = compiled.value;
  const shown: EscalationBody = { ...none, repeat: policy.repeat, levels: policy.levels.map(levelBody) };
  if (!options.pages) return shown;

  const schedules = new Map<string, ScheduleDefinition>();
  const teams = new Map<string, string>();
  for (const schedule of scheduleNames(policy)) {
    const found = directory.schedules.get(schedule);
    if (found === undefined) return { ...shown, problem: `Schedule "${schedule}" of escalation policy "${name}" does not exist: nobody would be paged` };
    if (!found.ok) return { ...shown, problem: `${found.error}: nobody would be paged` };
    schedules.set(schedule, found.value.definition);
    teams.set(schedule, found.value.team);
  }
  const plan = planEscalation({ policy, alertStart: start, incidentNumber, schedules });
  if (!plan.ok) return { ...shown, problem: plan.error };
  return {
    ...shown,
    pages: plan.value.pages.map((page) => ({
      at: isoInstant(page.at),
      level: page.level,
      round: page.round,
      users: page.users.map((user) => pageUser(user, policy.levels[page.level - 1], page.at, { schedules, teams, directory })),
    })),
    unstaffed: plan.value.unstaffed.map((step) => ({ at: isoInstant(step.at), level: step.level, round: step.round })),
  };
}

function levelBody(level: EscalationLevel, index: number): EscalationBody['levels'][number] {
  return { level: index + 1, mode: level.mode, escalateAfter: formatPrometheusDuration(level.escalateAfterMs), targets: [...level.targets] };
}

function scheduleNames(policy: EscalationPolicy): Set<string> {
  return new Set(policy.levels.flatMap((level) => level.targets.flatMap((target) => (target.kind === 'schedule' ? [target.schedule] : []))));
}

// Who put `user` on this page: the first target of the level that resolves to them.
function pageUser(
  user: string,
  level: EscalationLevel | undefined,
  at: number,
  context: { readonly schedules: ReadonlyMap<string, ScheduleDefinition>; readonly teams: ReadonlyMap<string, string>; readonly directory: OncallDirectory },
): PageUser {
  for (const target of level?.targets ?? []) {
    if (target.kind === 'user') {
      if (target.user === user) return { ...context.directory.person(user), schedule: null, source: null };
      continue;
    }
    const schedule = context.schedules.get(target.schedule);
    const final = schedule === undefined ? undefined : finalSchedule(schedule, { from: at, to: at + 1 });
    const found = final?.ok === true ? final.value.entries[0] : undefined;
    if (found?.user === user) return { ...context.directory.person(user, context.teams.get(target.schedule)), schedule: target.schedule, source: found.source };
  }
  return { ...context.directory.person(user), schedule: null, source: null };
}
