import { MAX_ESCALATION_REPEAT } from '@xops/core';
import { z } from 'zod';
import type { ConfigProblem } from '../config-object';
import { withRule } from '../config-rule';
import { descriptionSchema } from '../description';
import { durationShorthandSchema } from '../duration';
import { objectNameSchema } from '../object-name';
import { ownField } from '../plain-object';

const targetSchema = withRule(
  z.strictObject({
    schedule: objectNameSchema().optional().describe('a Schedule: whoever is on call when the level is paged'),
    user: objectNameSchema().optional().describe('a member of the policy\'s team'),
  }),
  (value): ConfigProblem[] => {
    const given = ['schedule', 'user'].filter((key) => ownField(value, key) !== undefined);
    if (given.length === 1 || typeof value !== 'object' || value === null) return [];
    return [{
      path: [],
      message: given.length === 0
        ? 'a target needs `schedule` (the name of a Schedule) or `user` (a member of the team)'
        : 'a target is one schedule or one user, not both: split it into two targets',
    }];
  },
);

const levelSchema = z.strictObject({
  escalateAfter: durationShorthandSchema({ noun: 'delay' }).describe('how long this level has to acknowledge before the next level is paged, e.g. 15m'),
  mode: z.enum(['all', 'round-robin']).optional().describe('all (the default) pages every target; round-robin pages one person, the next one for each incident'),
  targets: z.array(targetSchema).min(1).describe('schedules and people, e.g. [{schedule: payments-primary}]'),
});

/**
 * zod schema for the `spec` of an EscalationPolicy: levels paged one after the other, each after
 * the previous level's `escalateAfter`, and the whole policy `repeat` more times (0 to 9, as
 * PagerDuty allows). `team` names the Team whose members `user` targets are.
 */
export const escalationPolicySpecSchema = withRule(
  z.strictObject({
    description: descriptionSchema.optional(),
    team: objectNameSchema().optional().describe('the Team whose members the `user` targets name, e.g. payments'),
    repeat: z.number().int().min(0).max(MAX_ESCALATION_REPEAT).optional().describe(`how many more times to run through the levels after the last, 0 to ${MAX_ESCALATION_REPEAT}`),
    levels: z.array(levelSchema).min(1).describe('the levels, paged in order'),
  }),
  (spec): ConfigProblem[] => {
    if (ownField(spec, 'team') !== undefined) return [];
    const levels = ownField(spec, 'levels');
    const namesUser = Array.isArray(levels) && levels.some((level: unknown) => {
      const targets = ownField(level, 'targets');
      return Array.isArray(targets) && targets.some((target: unknown) => ownField(target, 'user') !== undefined);
    });
    return namesUser ? [{ path: ['team'], message: '`team` is required when a level targets a `user`: the name of the Team whose member that is' }] : [];
  },
);
/** The `spec` of an EscalationPolicy once checked. */
export type EscalationPolicySpec = z.infer<typeof escalationPolicySpecSchema>;
