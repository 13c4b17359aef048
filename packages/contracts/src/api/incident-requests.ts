import { z } from 'zod';
import { incidentEventSchema, incidentRoleSchema, incidentSchema, incidentSeveritySchema } from './incident';
import { postmortemStatusSchema } from './postmortem';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');
const name = z.string().trim().min(1).max(253);
const text = z.string().trim().min(1).max(10_000);

/** `POST /api/v1/incidents`: declare an incident by hand. */
export const incidentDeclareSchema = z.strictObject({
  title: z.string().trim().min(1).max(500),
  severity: incidentSeveritySchema.describe('SEV1 (worst) to SEV4'),
  services: z.array(name).max(100).default([]).describe('the services it affects; their SLOs make the postmortem\'s impact'),
  escalationPolicy: name.optional().describe('an applied EscalationPolicy: its levels are paged until someone acknowledges'),
  commander: name.optional().describe('the incident commander, e.g. alice'),
});
export type IncidentDeclareRequest = z.input<typeof incidentDeclareSchema>;

export const incidentNoteSchema = z.strictObject({ text });
export const incidentRoleRequestSchema = z.strictObject({
  role: incidentRoleSchema,
  person: name.nullable().describe('who takes the role; null to leave it unassigned'),
});
export const incidentSeverityRequestSchema = z.strictObject({ severity: incidentSeveritySchema });
/** A status update; public ones show on the status page. */
export const incidentUpdateRequestSchema = z.strictObject({ text, public: z.boolean().default(true) });
export type IncidentUpdateRequest = z.input<typeof incidentUpdateRequestSchema>;

/** An incident as the incident API answers: with whether its follow-ups are done. */
export const incidentViewSchema = incidentSchema.extend({
  /** Resolved, with no open action item. */
  complete: z.boolean(),
  openActionItems: z.number().int().nonnegative(),
}).meta({ id: 'IncidentView' });
export type IncidentViewBody = z.infer<typeof incidentViewSchema>;

/** Where an incident's escalation stands (ADR 0013). */
export const incidentEscalationSchema = z.object({
  policy: z.string().nullable(),
  team: z.string().nullable(),
  status: z.enum(['active', 'stopped', 'exhausted', 'failed']),
  /** The level and round paged next while active. */
  level: z.number().int(),
  round: z.number().int(),
  nextAt: instant.nullable(),
  updatedAt: instant,
});

/** One incident with its timeline, escalation and postmortem state. */
export const incidentDetailsSchema = incidentViewSchema.extend({
  escalation: incidentEscalationSchema.nullable(),
  postmortem: z.object({ status: postmortemStatusSchema, updatedAt: instant }).nullable(),
  timeline: z.array(incidentEventSchema),
}).meta({ id: 'IncidentDetails' });
export type IncidentDetailsBody = z.infer<typeof incidentDetailsSchema>;
