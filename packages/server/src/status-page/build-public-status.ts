import {
  formatDurationLabel, isoInstant,
  type ComponentState, type PublicComponentBody, type PublicIncidentBody, type PublicObjectiveBody, type PublicStatusBody, type StoredObject,
} from '@xops/contracts';
import { COMPOSITE_OBJECTIVE, type SloDefinition, type SloStatus } from '@xops/core';
import type { IncidentEventRecord, IncidentRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import type { SloEvaluator } from '../slo/slo-evaluator';
import { incidentImpact, publicStatusAt, severityImpact, sloImpact, worstState } from './component-state';

/** Service annotation naming the group a component is shown in. */
const STATUS_GROUP_ANNOTATION = 'xops.dev/status-group';
/** Service or SLO annotation; `"false"` keeps the object off the public page. */
const STATUS_PAGE_ANNOTATION = 'xops.dev/status-page';
const DEFAULT_STATUS_GROUP = 'Services';
/** How long a resolved incident stays on the page. */
const RECENT_INCIDENTS_MS = 7 * 86_400_000;
// Enough for a week of resolved incidents at any sane rate; the page is not an archive.
const RESOLVED_SCAN_LIMIT = 200;

const DESCRIPTIONS: Readonly<Record<ComponentState, string>> = {
  'operational': 'All systems operational',
  'degraded': 'Degraded performance',
  'partial-outage': 'Partial outage',
  'major-outage': 'Major outage',
};

// What the page reads of a stored document: names and annotations, nothing else (not labels).
const publicMetadataSchema = z.object({
  metadata: z.object({ name: z.string(), displayName: z.string().optional(), annotations: z.record(z.string(), z.string()).optional() }),
});
type PublicMetadata = z.infer<typeof publicMetadataSchema>['metadata'];

export interface BuildPublicStatusOptions {
  readonly store: XopsStore;
  /** Where SLO statuses come from; without it components show no objectives and only incidents set their state. */
  readonly evaluator?: SloEvaluator;
  readonly now: number;
}

/**
 * What the public status page shows at `now`: each Service not hidden as a component, grouped by
 * its `xops.dev/status-group` annotation, its state the worst of its SLOs' (`sloImpact`) and of its
 * open incidents' (`incidentImpact`), with its SLOs' SLI against their target; the incidents
 * that have public updates, open or resolved in the last 7 days, with those updates only. Nothing
 * else of an incident leaves: not its notes, alerts, responders, labels or severity.
 */
export async function buildPublicStatus({ store, evaluator, now }: BuildPublicStatusOptions): Promise<PublicStatusBody> {
  const [serviceObjects, sloObjects, open, resolved] = await Promise.all([
    store.listObjects('Service'), store.listObjects('SLO'),
    store.listIncidents({ state: 'open' }), store.listIncidents({ state: 'resolved', limit: RESOLVED_SCAN_LIMIT }),
  ]);
  const services = shownMetadata(serviceObjects);
  const slos = new Map(shownMetadata(sloObjects).map((metadata) => [metadata.name, metadata]));
  const recent = resolved.filter((incident) => incident.resolvedAt !== null && incident.resolvedAt >= now - RECENT_INCIDENTS_MS);
  const timelines = await Promise.all([...open, ...recent].map(async (incident) => [incident.id, await store.listIncidentEvents(incident.id)] as const));
  const publicEvents = new Map(timelines.map(([id, events]) => [id, events.filter((event) => event.public)]));
  const shownServices = new Set(services.map((service) => service.name));
  const toBody = (incident: IncidentRecord) => toPublicIncident(incident, { events: publicEvents.get(incident.id) ?? [], shownServices, now });
  const active = open.filter((incident) => (publicEvents.get(incident.id) ?? []).length > 0).map(toBody);

  const definitions = (evaluator?.definitions() ?? []).filter((definition) => slos.has(definition.name));
  const components = services.map((service): PublicComponentBody & { group: string } => {
    const own = definitions.filter((definition) => definition.service === service.name);
    const states = [
      ...own.map((definition) => { const status = evaluator?.status(definition.name); return status ? sloImpact(status, definition) : 'operational'; }),
      ...open.filter((incident) => incident.services.includes(service.name)).map(incidentImpact),
    ];
    return {
      group: groupOf(service),
      name: service.name,
      displayName: service.displayName ?? service.name,
      state: worstState(states),
      objectives: own.flatMap((definition) => publicObjectives(definition, evaluator?.status(definition.name), slos.get(definition.name))),
      incidents: active.filter((incident) => incident.components.includes(service.name)).map((incident) => incident.number),
    };
  });
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');
  const groups = [...new Set(components.map((component) => component.group))].map((name) => {
    const members = components.filter((component) => component.group === name)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en') || byName(a, b))
      .map(({ group: _group, ...component }) => component);
    return { name, state: worstState(members.map((member) => member.state)), components: members };
  }).sort(byName);
  const overall = worstState([...components.map((component) => component.state), ...active.map((incident) => incident.impact)]);
  return {
    generatedAt: isoInstant(now),
    status: { state: overall, description: DESCRIPTIONS[overall] },
    groups,
    incidents: { active, recent: recent.filter((incident) => (publicEvents.get(incident.id) ?? []).length > 0).map(toBody) },
  };
}

/** The metadata of stored objects that are not hidden with `xops.dev/status-page: "false"`. */
function shownMetadata(objects: readonly StoredObject[]): PublicMetadata[] {
  return objects.flatMap((stored) => {
    const parsed = publicMetadataSchema.safeParse(stored.object);
    if (!parsed.success || parsed.data.metadata.annotations?.[STATUS_PAGE_ANNOTATION]?.trim().toLowerCase() === 'false') return [];
    return [parsed.data.metadata];
  });
}

function groupOf(service: PublicMetadata): string {
  const group = service.annotations?.[STATUS_GROUP_ANNOTATION]?.trim() ?? '';
  return group === '' ? DEFAULT_STATUS_GROUP : group;
}

function publicObjectives(definition: SloDefinition, status: SloStatus | undefined, metadata: PublicMetadata | undefined): PublicObjectiveBody[] {
  const title = metadata?.displayName ?? definition.name;
  const window: PublicObjectiveBody['window'] = definition.window.kind === 'rolling'
    ? { kind: 'rolling', duration: formatDurationLabel(definition.window.durationMs) }
    : { kind: 'calendar', unit: definition.window.unit, count: definition.window.count };
  const sliOf = (objective: string) => status?.objectives.find((entry) => entry.objective === objective)?.sli ?? null;
  if (definition.composite) {
    // A composite is one promise to users: its objectives are how it is computed.
    const weights = definition.objectives.reduce((sum, objective) => sum + objective.compositeWeight, 0);
    const target = definition.objectives.reduce((sum, objective) => sum + objective.compositeWeight * objective.target, 0) / weights;
    const composite = status?.objectives.find((entry) => entry.objective === COMPOSITE_OBJECTIVE);
    return [{ name: title, sli: composite?.sli ?? null, target: composite?.target ?? target, window }];
  }
  return definition.objectives.map((objective) => ({
    name: definition.objectives.length === 1 ? title : `${title}: ${objective.name}`,
    sli: sliOf(objective.name),
    target: objective.target,
    window,
  }));
}

interface IncidentContext {
  readonly events: readonly IncidentEventRecord[];
  readonly shownServices: ReadonlySet<string>;
  readonly now: number;
}

function toPublicIncident(incident: IncidentRecord, { events, shownServices, now }: IncidentContext): PublicIncidentBody {
  const updates = [...events].sort((a, b) => b.at - a.at || b.id - a.id);
  return {
    number: incident.number,
    title: incident.title,
    status: publicStatusAt(incident, now),
    // A resolved incident keeps the impact it had, so the history says what happened.
    impact: incident.state === 'resolved' ? severityImpact(incident.severity) : incidentImpact(incident),
    components: incident.services.filter((service) => shownServices.has(service)).sort(),
    startedAt: isoInstant(incident.createdAt),
    resolvedAt: incident.resolvedAt === null ? null : isoInstant(incident.resolvedAt),
    updates: updates.map((event) => ({ id: event.id, at: isoInstant(event.at), status: publicStatusAt(incident, event.at), text: event.text })),
  };
}
