import { INCIDENT_ROLES, INCIDENT_SEVERITIES, INCIDENT_STATES } from '@xops/core';
import { z } from 'zod';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');

export const incidentStateSchema = z.enum(INCIDENT_STATES);
export const incidentSeveritySchema = z.enum(INCIDENT_SEVERITIES);
export const incidentRoleSchema = z.enum(INCIDENT_ROLES);

/** One incident as the API returns it (ADR 0013). */
export const incidentSchema = z.object({
  id: z.string(),
  /** The short reference people use: `#42`. Dense and ordered across replicas. */
  number: z.number().int().positive(),
  title: z.string(),
  state: incidentStateSchema,
  severity: incidentSeveritySchema,
  /** The alert group that opened it; null for an incident declared by hand. */
  groupKey: z.string().nullable(),
  services: z.array(z.string()),
  roles: z.object({ commander: z.string().optional(), scribe: z.string().optional(), communications: z.string().optional() }),
  escalationPolicy: z.string().nullable(),
  declaredBy: z.string().nullable(),
  createdAt: instant,
  acknowledgedAt: instant.nullable(),
  mitigatedAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  updatedAt: instant,
}).meta({ id: 'Incident' });
export type IncidentBody = z.infer<typeof incidentSchema>;

/** What the timeline records: alerts, pages, acks, state, severity and role changes, notes, public updates. */
export const INCIDENT_EVENT_KINDS = [
  'opened', 'alert', 'alert-resolved', 'page', 'notification-failed', 'state', 'severity', 'role', 'note', 'public-update', 'escalation',
] as const;
export const incidentEventKindSchema = z.enum(INCIDENT_EVENT_KINDS);
export type IncidentEventKind = z.infer<typeof incidentEventKindSchema>;

/** One entry of an incident's timeline. */
export const incidentEventSchema = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  at: instant,
  kind: incidentEventKindSchema,
  /** Who did it: a token's name, `alertmanager`, `xops` for the server itself. */
  actor: z.string(),
  text: z.string(),
  details: z.unknown().optional(),
  /** Shown on the public status page. */
  public: z.boolean(),
}).meta({ id: 'IncidentEvent' });
export type IncidentEventBody = z.infer<typeof incidentEventSchema>;
