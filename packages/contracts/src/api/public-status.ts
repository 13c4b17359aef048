import { z } from 'zod';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');

/** How a component (a Service) fares on the public status page, best first (ADR 0015). */
export const COMPONENT_STATES = ['operational', 'degraded', 'partial-outage', 'major-outage'] as const;
export const componentStateSchema = z.enum(COMPONENT_STATES);
export type ComponentState = z.infer<typeof componentStateSchema>;

/**
 * An incident's state in the words of a public page: triggered and acknowledged are
 * `investigating`, mitigated is `monitoring`, resolved is `resolved`.
 */
export const PUBLIC_INCIDENT_STATUSES = ['investigating', 'monitoring', 'resolved'] as const;
export const publicIncidentStatusSchema = z.enum(PUBLIC_INCIDENT_STATUSES);
export type PublicIncidentStatus = z.infer<typeof publicIncidentStatusSchema>;

/** One objective of a component's SLOs: its current SLI against its target, over the SLO's window. */
export const publicObjectiveSchema = z.object({
  name: z.string().describe('the SLO\'s display name, with the objective\'s when the SLO has several'),
  sli: z.number().nullable().describe('fraction over the elapsed window; null before any data'),
  target: z.number().describe('fraction, e.g. 0.999'),
  window: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rolling'), duration: z.string().describe('e.g. 30d') }),
    z.object({ kind: z.literal('calendar'), unit: z.string().describe('e.g. month'), count: z.number().int() }),
  ]),
});
export type PublicObjectiveBody = z.infer<typeof publicObjectiveSchema>;

export const publicComponentSchema = z.object({
  name: z.string().describe('the Service\'s name'),
  displayName: z.string(),
  state: componentStateSchema,
  objectives: z.array(publicObjectiveSchema),
  incidents: z.array(z.number().int()).describe('numbers of the active incidents on this page that affect it'),
});
export type PublicComponentBody = z.infer<typeof publicComponentSchema>;

export const publicComponentGroupSchema = z.object({
  name: z.string().describe('from the Service annotation xops.dev/status-group; "Services" when it has none'),
  state: componentStateSchema.describe('the worst state of its components'),
  components: z.array(publicComponentSchema),
});

/** An update a responder published (`xops incident update --public`). */
export const publicIncidentUpdateSchema = z.object({
  id: z.number().int().describe('stable: the timeline entry it was written as'),
  at: instant,
  status: publicIncidentStatusSchema.describe('the incident\'s status when the update was written'),
  text: z.string(),
});
export type PublicIncidentUpdateBody = z.infer<typeof publicIncidentUpdateSchema>;

/** An incident the responders have published at least one update about. */
export const publicIncidentSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  status: publicIncidentStatusSchema,
  impact: componentStateSchema.describe('what it does to the components it affects'),
  components: z.array(z.string()).describe('names of the shown components it affects'),
  startedAt: instant,
  resolvedAt: instant.nullable(),
  updates: z.array(publicIncidentUpdateSchema).describe('newest first'),
});
export type PublicIncidentBody = z.infer<typeof publicIncidentSchema>;

/** `GET /api/v1/status`: what the public status page shows, and nothing more. */
export const publicStatusSchema = z.object({
  generatedAt: instant,
  status: z.object({
    state: componentStateSchema.describe('the worst of every component and active incident'),
    description: z.string().describe('e.g. "All systems operational"'),
  }),
  groups: z.array(publicComponentGroupSchema),
  incidents: z.object({
    active: z.array(publicIncidentSchema),
    recent: z.array(publicIncidentSchema).describe('resolved in the last 7 days'),
  }),
}).meta({ id: 'PublicStatus' });
export type PublicStatusBody = z.infer<typeof publicStatusSchema>;
