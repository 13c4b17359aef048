import type { ApiClient, FinalScheduleBody } from '@xops/contracts';
import { part, type Part } from '../data/part';
import type { Span } from './calendar-days';
import { scheduleLayerNames, teamMembers, type TeamMember } from './team-members';

export interface ScheduleView {
  readonly final: FinalScheduleBody;
  /** The schedule's layers, lowest first, for their colours. */
  readonly layers: readonly string[];
  /** Who may take an override: the members of the schedule's Team. */
  readonly members: Part<readonly TeamMember[]>;
}

/** A schedule's final schedule over `range`, its layer names, and its Team's members. */
export async function loadSchedule(client: ApiClient, name: string, range: Span): Promise<ScheduleView> {
  const [final, schedule] = await Promise.all([
    client.getFinalSchedule(name, { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() }),
    part(client.getObject('schedules', name)),
  ]);
  const members = await part(client.getObject('teams', final.team).then(teamMembers));
  return { final, layers: schedule.ok ? scheduleLayerNames(schedule.value) : [], members };
}
