import type { StoredObject } from '@xops/contracts';

/** A member of a Team, as the override form offers them. */
export interface TeamMember {
  readonly name: string;
  readonly displayName: string | null;
}

/** The members of an applied Team (`spec.members`), in its order; entries without a name are skipped. */
export function teamMembers(team: StoredObject): TeamMember[] {
  const spec = team.object.spec;
  const members = isRecord(spec) && Array.isArray(spec.members) ? spec.members : [];
  return members.flatMap((member: unknown) => {
    if (!isRecord(member) || typeof member.name !== 'string') return [];
    return [{ name: member.name, displayName: typeof member.displayName === 'string' ? member.displayName : null }];
  });
}

/** The layer names of an applied Schedule, lowest first, named as the API names them (`layer-2` when unnamed). */
export function scheduleLayerNames(schedule: StoredObject): string[] {
  const spec = schedule.object.spec;
  const layers = isRecord(spec) && Array.isArray(spec.layers) ? spec.layers : [];
  return layers.map((layer: unknown, index) => (isRecord(layer) && typeof layer.name === 'string' ? layer.name : `layer-${String(index + 1)}`));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
