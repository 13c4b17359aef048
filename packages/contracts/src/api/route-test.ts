import { z } from 'zod';
import { labelNameSchema } from '../config/xops/route';
import { boundedInstantSchema } from './bounded-instant';
import { entrySourceSchema, personSchema } from './oncall';

const instant = z.string().describe('ISO 8601 UTC, e.g. 2026-01-07T20:00:30.000Z');

/** An alert's labels, as Prometheus and Alertmanager give them: at most 64, values at most 1 KiB. */
export const alertLabelsSchema = z.record(labelNameSchema, z.string().max(1024))
  .refine((labels) => Object.keys(labels).length <= 64, 'an alert has at most 64 labels');

/**
 * The body of `POST /api/v1/routes/test`: an alert that does not exist, and when it would fire.
 * Instants are read against `now()` (`now`, `now-1h`, RFC 3339, epoch ms).
 */
export function routeTestRequestSchema(now: () => number = Date.now) {
  return z.strictObject({
    labels: alertLabelsSchema.refine((labels) => Object.keys(labels).length > 0, 'give the alert at least one label, e.g. {"service": "checkout"}')
      .describe('the alert\'s labels, e.g. {"alertname": "PaymentsDown", "service": "payments", "severity": "page"}'),
    at: boundedInstantSchema(now).optional().describe('when the alert fires; now unless given'),
    firing: z.array(z.strictObject({ labels: alertLabelsSchema })).max(100).optional()
      .describe('other alerts taken to be firing at `at`, for inhibition rules, e.g. [{"labels": {"alertname": "RegionDown", "region": "eu"}}]'),
    incidentNumber: z.number().int().min(0).max(1_000_000_000).optional()
      .describe('the incident number that turns round-robin levels (consecutive incidents page consecutive people); 0 unless given'),
  });
}
/** What a client sends to `POST /api/v1/routes/test`. */
export type RouteTestRequest = z.input<ReturnType<typeof routeTestRequestSchema>>;

const routeTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('escalation-policy'), name: z.string() }),
  z.object({ kind: z.literal('channel'), name: z.string() }),
  z.object({ kind: z.literal('ticket'), project: z.string() }),
]);

const escalationTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('schedule'), schedule: z.string() }),
  z.object({ kind: z.literal('user'), user: z.string() }),
]);

/** One page of the simulated escalation: who, when, at which level and round. */
export const plannedPageSchema = z.object({
  at: instant,
  level: z.number().int().describe('1 for the first level'),
  round: z.number().int().describe('0 on the first pass through the levels, 1 on the first repeat…'),
  users: z.array(personSchema.extend({
    source: entrySourceSchema.nullable().describe('the schedule layer or override that put them on call; null for a user target'),
    schedule: z.string().nullable().describe('the schedule they are paged through; null for a user target'),
  })),
});

/** The escalation policy a route targets, and every page it would send if nobody acknowledged. */
export const escalationSimulationSchema = z.object({
  policy: z.string(),
  repeat: z.number().int().describe('how many more times the levels run after the last'),
  levels: z.array(z.object({
    level: z.number().int(),
    mode: z.enum(['all', 'round-robin']),
    escalateAfter: z.string().describe('how long this level has to acknowledge before the next is paged, e.g. 15m'),
    targets: z.array(escalationTargetSchema),
  })),
  pages: z.array(plannedPageSchema).describe('empty unless the route pages'),
  unstaffed: z.array(z.object({ at: instant, level: z.number().int(), round: z.number().int() }))
    .describe('levels with nobody on call when reached: they pass to the next level at once'),
  problem: z.string().nullable().describe('why the policy cannot be planned (missing, or names a schedule that is missing or broken)'),
});

/** One route that takes the simulated alert, with its group, timers, outcome and escalation. */
export const routeTestRouteSchema = z.object({
  tree: z.string().describe('the Route document'),
  routeKey: z.string().describe('the route: tree name, then each node\'s matchers, e.g. payments{service="payments"}/{severity="ticket"}'),
  continue: z.boolean().describe('the route says continue: the alert is offered to the next sibling route too'),
  groupKey: z.string(),
  groupLabels: z.record(z.string(), z.string()),
  target: routeTargetSchema,
  groupWait: z.string(),
  groupInterval: z.string(),
  repeatInterval: z.string(),
  firstNotificationAt: instant.describe('`at` + group_wait: when a new group first notifies'),
  outcome: z.enum(['page', 'notify', 'ticket', 'suppressed']),
  reason: z.string().describe('why this outcome, in one sentence'),
  escalation: escalationSimulationSchema.nullable().describe('for an escalation-policy target'),
});
export type RouteTestRouteBody = z.infer<typeof routeTestRouteSchema>;

/**
 * The answer of `POST /api/v1/routes/test`: what xops would do with the alert at `at`, from the
 * applied Routes, MaintenanceWindows, EscalationPolicies, Schedules and Teams. Nothing is stored.
 */
export const routeTestResultSchema = z.object({
  at: instant,
  labels: z.record(z.string(), z.string()),
  fingerprint: z.string(),
  severity: z.string().nullable(),
  urgency: z.enum(['high', 'low']).describe('from severity: ticket, warning, info, low and none are low and never page'),
  suppression: z.object({
    mutes: z.enum(['none', 'pages', 'all']).describe('all: nobody hears; pages: channels and tickets hear, nobody is paged'),
    silencedBy: z.array(z.string()),
    inhibitedBy: z.array(z.object({ rule: z.string(), source: z.record(z.string(), z.string()).describe('the firing alert that inhibits it') })),
    maintenanceBy: z.array(z.object({ name: z.string(), suppress: z.enum(['pages', 'all']), until: instant })),
  }),
  routes: z.array(routeTestRouteSchema).describe('in the order the router tries them; empty: no route takes the alert and it notifies no one'),
  notes: z.array(z.string()).describe('what the simulation leaves out'),
}).meta({ id: 'RouteTestResult' });
export type RouteTestResultBody = z.infer<typeof routeTestResultSchema>;
