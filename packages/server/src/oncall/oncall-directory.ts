import {
  compileEscalationPolicy, compileSchedule, scheduleSpecSchema, teamSpecSchema, validateConfigDocument,
  type ConfigObject, type PersonBody, type StoredObject, type TeamMember,
} from '@xops/contracts';
import type { EscalationPolicy, Result, ScheduleDefinition } from '@xops/core';
import type { XopsStore } from '@xops/store';

/** A stored Schedule compiled for `core`, with the Team whose members it names. */
export interface DirectorySchedule {
  readonly definition: ScheduleDefinition;
  readonly team: string;
}

/**
 * The applied on-call config, compiled: schedules and escalation policies by name (each one that
 * cannot be compiled says why), and the people of every Team. Read fresh for each request, so it
 * always answers with what is applied now.
 */
export interface OncallDirectory {
  readonly schedules: ReadonlyMap<string, Result<DirectorySchedule, string>>;
  readonly policies: ReadonlyMap<string, Result<EscalationPolicy, string>>;
  /** A person by name, as `team` lists them when it does, else as the first Team (by name) that does. */
  person(name: string, team?: string): PersonBody;
}

/** Loads and compiles every Team, Schedule and EscalationPolicy in the store. */
export async function loadOncallDirectory(store: XopsStore): Promise<OncallDirectory> {
  const [teams, schedules, policies] = await Promise.all(['Team', 'Schedule', 'EscalationPolicy'].map((kind) => store.listObjects(kind)));
  const members = new Map<string, ReadonlyMap<string, TeamMember>>();
  for (const stored of teams ?? []) {
    const document = storedDocument(stored);
    const spec = document.ok ? teamSpecSchema.safeParse(document.value.spec) : undefined;
    if (spec?.success === true) members.set(stored.name, new Map(spec.data.members.map((member) => [member.name, member])));
  }
  return {
    schedules: compileEach(schedules ?? [], (object) => {
      const compiled = compileSchedule(object);
      if (!compiled.ok) return compiled;
      const spec = scheduleSpecSchema.safeParse(object.spec);
      return { ok: true, value: { definition: compiled.value, team: spec.success ? spec.data.team : '' } };
    }),
    policies: compileEach(policies ?? [], compileEscalationPolicy),
    person: (name, team) => {
      const member = (team === undefined ? undefined : members.get(team)?.get(name))
        ?? [...members.values()].map((people) => people.get(name)).find((found) => found !== undefined);
      return toPersonBody(name, member);
    },
  };
}

/** A person as the API shows them: without a Team entry, a name with no way to reach them. */
function toPersonBody(name: string, member: TeamMember | undefined): PersonBody {
  if (member === undefined) return { name, displayName: null, email: null, contactMethods: [] };
  const methods = member.contactMethods ?? [];
  return {
    name,
    displayName: member.displayName ?? null,
    email: member.email,
    contactMethods: methods.length > 0 ? methods.map(({ type, address }) => ({ type, address })) : [{ type: 'email', address: member.email }],
  };
}

function compileEach<T>(objects: readonly StoredObject[], compile: (object: ConfigObject) => Result<T, string>): Map<string, Result<T, string>> {
  return new Map(objects.map((stored) => {
    const document = storedDocument(stored);
    return [stored.name, document.ok ? compile(document.value) : document];
  }));
}

// A JSON column is input from outside (STYLE.md): re-validate the document before compiling it.
function storedDocument(stored: StoredObject): Result<ConfigObject, string> {
  const checked = validateConfigDocument(stored.object);
  return checked.ok ? checked : { ok: false, error: `${stored.kind} "${stored.name}": the stored document is no longer valid; apply it again` };
}
