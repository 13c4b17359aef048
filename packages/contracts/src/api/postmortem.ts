import { z } from 'zod';
import { incidentEventSchema, incidentSeveritySchema } from './incident';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');

/** A calendar day, `YYYY-MM-DD`, that exists (no 31 April). */
export const calendarDateSchema = z.iso.date().describe('a calendar day, YYYY-MM-DD, e.g. 2026-03-31');

/** Where a postmortem is: drafted by xops, reviewed by the team, published. */
export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'published'] as const;
export const postmortemStatusSchema = z.enum(POSTMORTEM_STATUSES);
export type PostmortemStatus = z.infer<typeof postmortemStatusSchema>;

/**
 * The error budget one SLO objective lost to an incident (ADR 0013): `bad` events (or slices) in
 * the incident's window `[createdAt, resolvedAt)`, over `budget`, the bad events the SLO allows
 * in its own window ending at the resolve (`(1 − target) × events`, or `× slices` for the
 * time-slice methods).
 */
export const sloImpactSchema = z.object({
  slo: z.string(),
  service: z.string(),
  objective: z.string(),
  target: z.number(),
  unit: z.enum(['events', 'slices']),
  /** Bad events (slices) during the incident. */
  bad: z.number(),
  /** Events (slices with data) during the incident. */
  total: z.number(),
  /** What the SLO's window allows to go bad: `(1 − target) × events (slices) in the window`. */
  budget: z.number(),
  /** `bad / budget × 100`; null when the window allows nothing (it had no events yet). */
  budgetConsumedPercent: z.number().nullable(),
  /** The SLO's window at the resolve: the budget is counted over it. */
  windowFrom: instant,
  windowTo: instant,
  /** Why the impact could not be computed, when it could not (the SLO is not valid, say). */
  problem: z.string().nullable(),
}).meta({ id: 'SloImpact' });
export type SloImpactBody = z.infer<typeof sloImpactSchema>;

/** One contributing-factor prompt, about the system rather than about people, and the team's answer. */
export const contributingFactorSchema = z.object({
  question: z.string().min(1).max(1000),
  answer: z.string().max(20_000),
});

/** What a postmortem says, as stored and edited: the summary, the budget impact, the contributing factors. */
export const postmortemDocumentSchema = z.object({
  summary: z.string().max(20_000),
  impact: z.array(sloImpactSchema),
  contributingFactors: z.array(contributingFactorSchema).max(50),
});
export type PostmortemDocument = z.infer<typeof postmortemDocumentSchema>;

/** Whether an action item still needs doing. */
export const actionItemStatusSchema = z.enum(['open', 'done']);

/** One follow-up of an incident: who does what by when. Its id reads `<incident number>-<n>`, e.g. `4-2`. */
export const actionItemSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  owner: z.string(),
  due: calendarDateSchema,
  status: actionItemStatusSchema,
  /** Open with its due day before today (UTC). */
  overdue: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
}).meta({ id: 'ActionItem' });
export type ActionItemBody = z.infer<typeof actionItemSchema>;

export const actionItemCreateSchema = z.strictObject({
  title: z.string().trim().min(1).max(500),
  owner: z.string().trim().min(1).max(200).describe('who sees it through, e.g. alice'),
  due: calendarDateSchema,
});
export type ActionItemCreateRequest = z.infer<typeof actionItemCreateSchema>;

export const actionItemUpdateSchema = actionItemCreateSchema.partial().extend({ status: actionItemStatusSchema.optional() });
export type ActionItemUpdateRequest = z.infer<typeof actionItemUpdateSchema>;

/** A postmortem as the API shows it, with the incident's timeline and action items. */
export const postmortemSchema = postmortemDocumentSchema.extend({
  incident: z.object({
    id: z.string(), number: z.number().int().positive(), title: z.string(), severity: incidentSeveritySchema, services: z.array(z.string()),
    roles: z.object({ commander: z.string().optional(), scribe: z.string().optional(), communications: z.string().optional() }),
    createdAt: instant, acknowledgedAt: instant.nullable(), mitigatedAt: instant.nullable(), resolvedAt: instant.nullable(),
  }),
  status: postmortemStatusSchema,
  /** False while an action item is open. */
  complete: z.boolean(),
  timeline: z.array(incidentEventSchema),
  actionItems: z.array(actionItemSchema),
  createdAt: instant,
  updatedAt: instant,
  updatedBy: z.string(),
}).meta({ id: 'Postmortem' });
export type PostmortemBody = z.infer<typeof postmortemSchema>;

/** `PUT …/postmortem`: what is given replaces what is stored; what is left out stays. The impact is computed, not edited. */
export const postmortemUpdateSchema = z.strictObject({
  summary: postmortemDocumentSchema.shape.summary.optional(),
  contributingFactors: postmortemDocumentSchema.shape.contributingFactors.optional(),
  status: postmortemStatusSchema.optional(),
});
export type PostmortemUpdateRequest = z.infer<typeof postmortemUpdateSchema>;
