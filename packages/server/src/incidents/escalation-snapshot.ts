import { CONTACT_METHOD_TYPES, escalationPolicySpecSchema } from '@xops/contracts';
import type { Result, ScheduleDefinition } from '@xops/core';
import type { EscalationSnapshot, SnapshotContact, XopsStore } from '@xops/store';
import { loadOncallDirectory } from '../oncall/oncall-directory';

/**
 * Snapshots the applied EscalationPolicy `name` for an incident that opens now (ADR 0013): the
 * compiled policy, the compiled schedules it names, its Team, and the contact methods of every
 * person it can page (a schedule's people and the `user` targets). Fails, as a value, when the
 * policy does not exist or it or one of its schedules cannot be compiled.
 *
 * @example const snapshot = await snapshotEscalationPolicy(store, 'payments');
 *          if (snapshot.ok) await store.openIncident(incident, now, { escalation: snapshot.value });
 */
export async function snapshotEscalationPolicy(store: XopsStore, name: string): Promise<Result<EscalationSnapshot, string>> {
  const [directory, stored] = await Promise.all([loadOncallDirectory(store), store.getObject('EscalationPolicy', name)]);
  const policy = directory.policies.get(name);
  if (policy === undefined || stored === undefined) return { ok: false, error: `EscalationPolicy "${name}" does not exist: apply it first, or leave the policy out` };
  if (!policy.ok) return policy;
  const spec = escalationPolicySpecSchema.safeParse(stored.object.spec);
  const team = spec.success ? spec.data.team ?? null : null;

  const schedules: ScheduleDefinition[] = [];
  const people = new Map<string, string | undefined>(); // person → the Team to look them up in first
  for (const level of policy.value.levels) {
    for (const target of level.targets) {
      if (target.kind === 'user') {
        people.set(target.user, team ?? undefined);
        continue;
      }
      const schedule = directory.schedules.get(target.schedule);
      if (schedule === undefined) return { ok: false, error: `EscalationPolicy "${name}" pages Schedule "${target.schedule}", which does not exist` };
      if (!schedule.ok) return schedule;
      if (schedules.some((known) => known.name === target.schedule)) continue;
      const { definition } = schedule.value;
      schedules.push(definition);
      for (const user of [...definition.layers.flatMap((layer) => layer.users), ...definition.overrides.map((override) => override.user)]) {
        if (!people.has(user)) people.set(user, schedule.value.team);
      }
    }
  }
  const contacts: Record<string, SnapshotContact[]> = {};
  for (const [person, inTeam] of [...people].sort(([a], [b]) => a.localeCompare(b))) {
    contacts[person] = directory.person(person, inTeam).contactMethods.flatMap((method) => {
      const type = CONTACT_METHOD_TYPES.find((known) => known === method.type);
      return type === undefined ? [] : [{ type, address: method.address }];
    });
  }
  return { ok: true, value: { policy: policy.value, team, schedules, people: contacts } };
}
