import { z } from 'zod';
import { actionItemSchema } from './postmortem';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2025-03-01T12:00:00.000Z');

/** Counts and mean response times of a set of incidents, each time measured from the incident's opening. */
export const responseTimesSchema = z.object({
  incidents: z.number().int().nonnegative(),
  acknowledged: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  /** Mean time to acknowledge, over the acknowledged ones; null when none was. */
  mttaSeconds: z.number().nullable(),
  /** Mean time to resolve, over the resolved ones; null when none was. */
  mttrSeconds: z.number().nullable(),
});

/** `GET /api/v1/reports/incidents`: MTTA and MTTR overall, per service and per team, and the overdue action items. */
export const incidentReportSchema = z.object({
  /** Incidents opened in `[from, to)` count. */
  from: instant,
  to: instant,
  total: responseTimesSchema.extend({
    bySeverity: z.record(z.string(), z.number().int()),
    byState: z.record(z.string(), z.number().int()),
  }),
  services: z.array(responseTimesSchema.extend({ service: z.string() })),
  /** By the Team of the incident's escalation policy, else the `team` label of its services. */
  teams: z.array(responseTimesSchema.extend({ team: z.string() })),
  /** Open action items due before today (UTC), whenever their incident was. */
  overdueActionItems: z.array(actionItemSchema.extend({ incident: z.object({ id: z.string(), number: z.number().int(), title: z.string() }) })),
}).meta({ id: 'IncidentReport' });
export type IncidentReportBody = z.infer<typeof incidentReportSchema>;
