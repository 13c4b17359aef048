import { z } from 'zod';
import type { ConfigProblem } from '../config-object';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { objectNameSchema } from '../object-name';
import { isPlainObject, ownField } from '../plain-object';
import { prometheusDurationSchema } from '../prometheus-duration';
import { alertMatchersSchema } from './alert-matcher';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `groupBy: ['...']` groups by every label, as Alertmanager's `group_by: ['...']`. */
export const GROUP_BY_ALL = '...';
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TARGET_KINDS = ['escalationPolicy', 'channel', 'ticket'];

/** zod schema for a label name as Prometheus allows it: `alertname`, `service`, `__name__`. */
export const labelNameSchema = z.string().regex(LABEL_NAME, 'a label name has letters, digits and _, and does not start with a digit, e.g. service');

const groupBySchema = withRule(
  z.array(z.union([z.literal(GROUP_BY_ALL), labelNameSchema], { error: 'a groupBy item is a label name such as alertname, or ... for all labels' })),
  (value): ConfigProblem[] => {
    if (!Array.isArray(value)) return [];
    if (value.includes(GROUP_BY_ALL) && value.length > 1) return [{ path: [], message: '`...` groups by every label: give it alone, [\'...\'], or list label names' }];
    const seen = new Set<unknown>();
    return value.flatMap((name, index) => {
      if (!seen.has(name)) {
        seen.add(name);
        return [];
      }
      return [{ path: [index], message: `\`${String(name)}\` is listed twice` }];
    });
  },
).describe('the labels that make a group, e.g. [alertname, service]; [\'...\'] for one group per alert');

const targetSchema = withRule(
  z.strictObject({
    escalationPolicy: objectNameSchema().optional().describe('an EscalationPolicy: its on-call people are paged for high-urgency alerts'),
    channel: objectNameSchema().optional().describe('an AlertNotificationTarget: notified, never paged'),
    ticket: z.strictObject({
      project: z.string().min(1).max(100).describe('where the ticket is filed, e.g. CHK'),
    }).optional().describe('a ticket, filed and never paged'),
  }),
  (value): ConfigProblem[] => {
    if (!isPlainObject(value)) return [];
    const given = TARGET_KINDS.filter((key) => ownField(value, key) !== undefined);
    if (given.length === 1) return [];
    return [{
      path: [],
      message: given.length === 0
        ? 'a target is one of escalationPolicy (page), channel (notify only) or ticket (file a ticket)'
        : `a target is one of escalationPolicy, channel or ticket, not ${given.join(' and ')}: use a child route with continue: true to send to both`,
    }];
  },
);

const timingFields = {
  groupWait: prometheusDurationSchema({ noun: 'groupWait', min: 0, max: HOUR }).optional()
    .describe('how long a new group waits for more alerts before its first notification; 30s unless inherited'),
  groupInterval: prometheusDurationSchema({ noun: 'groupInterval', min: SECOND, max: DAY }).optional()
    .describe('how long a group waits between notifications about changes; 5m unless inherited'),
  repeatInterval: prometheusDurationSchema({ noun: 'repeatInterval', min: MINUTE, max: 30 * DAY }).optional()
    .describe('how long before an unchanged, still firing group is notified again; 4h unless inherited'),
};

/** A child route in `routes`: what it leaves out, it inherits from its parent. */
export interface RouteNodeSpec {
  readonly description?: string;
  readonly matchers?: readonly string[];
  readonly continue?: boolean;
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly target?: z.infer<typeof targetSchema>;
  readonly routes?: readonly RouteNodeSpec[];
}

const routeNodeSchema: z.ZodType<RouteNodeSpec> = z.strictObject({
  description: descriptionSchema.optional(),
  matchers: alertMatchersSchema.optional().describe('label matchers that must all match, e.g. [\'severity=~"page|critical"\']; none match every alert'),
  continue: z.boolean().optional().describe('after this route takes an alert, offer it to the next sibling too'),
  groupBy: groupBySchema.optional(),
  ...timingFields,
  target: targetSchema.optional(),
  get routes() {
    return z.array(routeNodeSchema).max(100).optional();
  },
});

const inhibitRuleSchema = z.strictObject({
  name: objectNameSchema().optional().describe('a name for the rule in status and metrics; <route>-<index> unless given'),
  sourceMatchers: alertMatchersSchema.min(1).describe('the alerts that mute others while they fire, e.g. [\'alertname="RegionDown"\']'),
  targetMatchers: alertMatchersSchema.min(1).describe('the alerts they mute, e.g. [\'severity=~"page|ticket"\']'),
  equal: z.array(labelNameSchema).optional().describe('labels a source and a target must share, e.g. [region]; a label missing on both sides counts as equal'),
});

/**
 * zod schema for the `spec` of a Route (xops.dev/v1): one routing tree, Alertmanager's `<route>`
 * with camelCase names. The root is matched like any node (no matchers: every alert), needs a
 * `target`, and gives defaults to the `routes` below it. Route documents are tried in ascending
 * `order` (0 unless given), then by name; the first whose root matches takes the alert unless
 * its root says `continue: true`. `inhibitRules` apply to every alert, whichever tree takes it.
 */
export const routeSpecSchema = z.strictObject({
  description: descriptionSchema.optional(),
  order: z.number().int().min(-1000).max(1000).optional().describe('where this tree comes among Route documents: lower first, ties by name; 0 unless given'),
  matchers: alertMatchersSchema.optional().describe('label matchers every alert of this tree matches, e.g. [\'service="checkout"\']'),
  continue: z.boolean().optional().describe('after this tree takes an alert, offer it to the next Route document too'),
  groupBy: groupBySchema.optional(),
  ...timingFields,
  target: targetSchema.describe('where alerts go unless a child route says otherwise: escalationPolicy, channel or ticket'),
  routes: z.array(routeNodeSchema).max(100).optional(),
  inhibitRules: z.array(inhibitRuleSchema).max(100).optional(),
});
/** The `spec` of a Route once checked; matchers and durations are still text. */
export type RouteSpec = z.infer<typeof routeSpecSchema>;
export type RouteTargetSpec = z.infer<typeof targetSchema>;
export type InhibitRuleSpec = z.infer<typeof inhibitRuleSchema>;
