import type { EscalationPolicy, ScheduleDefinition } from '@xops/core';
import { CONTACT_METHOD_TYPES } from '@xops/contracts';
import { z } from 'zod';

/** One way to reach a person, as a Team lists it: the outbox channel and its address. */
export interface SnapshotContact {
  readonly type: (typeof CONTACT_METHOD_TYPES)[number];
  readonly address: string;
}

/**
 * An escalation policy as it was when its incident opened (PagerDuty's behaviour, ADR 0013):
 * the compiled policy, the compiled schedules it names, and how to reach every person it can
 * page. Editing the policy, a schedule or a team later changes future incidents only.
 */
export interface EscalationSnapshot {
  readonly policy: EscalationPolicy;
  /** The Team the policy belongs to, when it names one: the incident report counts the incident there. */
  readonly team: string | null;
  readonly schedules: readonly ScheduleDefinition[];
  /** By person: their contact methods in the Team's order (their email when they list none). */
  readonly people: Readonly<Record<string, readonly SnapshotContact[]>>;
}

const restrictionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), days: z.array(z.literal([1, 2, 3, 4, 5, 6, 7])), startMinute: z.number(), endMinute: z.number() }),
  z.object({ kind: z.literal('weekly'), startMinute: z.number(), endMinute: z.number() }),
]);

const scheduleSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  layers: z.array(z.object({
    name: z.string(),
    users: z.array(z.string()),
    start: z.number(),
    end: z.number().optional(),
    turnLengthMs: z.number(),
    restrictions: z.array(restrictionSchema),
  })),
  overrides: z.array(z.object({ user: z.string(), from: z.number(), to: z.number() })),
});

const policySchema = z.object({
  name: z.string(),
  repeat: z.number().int(),
  levels: z.array(z.object({
    targets: z.array(z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('schedule'), schedule: z.string() }),
      z.object({ kind: z.literal('user'), user: z.string() }),
    ])),
    mode: z.enum(['all', 'round-robin']),
    escalateAfterMs: z.number(),
  })),
});

/** The `escalations.policy` JSON column: read back through this, like every JSON column (STYLE.md). */
export const escalationSnapshotSchema: z.ZodType<EscalationSnapshot> = z.object({
  policy: policySchema,
  team: z.string().nullable(),
  schedules: z.array(scheduleSchema),
  people: z.record(z.string(), z.array(z.object({ type: z.enum(CONTACT_METHOD_TYPES), address: z.string() }))),
});
