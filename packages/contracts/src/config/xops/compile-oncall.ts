import { validateSchedule, type EscalationPolicy, type Restriction, type Result, type ScheduleDefinition } from '@xops/core';
import type { z } from 'zod';
import type { ConfigObject } from '../config-object';
import { parseDurationShorthand } from '../duration';
import { durationMs } from '../duration-ms';
import { escalationPolicySpecSchema } from './escalation-policy';
import { compileRestriction } from './restriction';
import { layerName, rotationLengthMs, scheduleSpecSchema } from './schedule';
import { scheduleTimeInstant } from './schedule-time';

/**
 * Turns a valid Schedule document into what `core` computes (`finalSchedule`, `whoIsOnCall`):
 * times as instants (those without an offset placed in the schedule's zone), rotations as
 * wall-clock lengths, restrictions as minutes, unnamed layers called `layer-<n>`. Never throws.
 *
 * @example compileSchedule(scheduleDocument) // → { ok: true, value: { name: 'payments-primary', timeZone: 'Europe/Berlin', layers: […], overrides: […] } }
 */
export function compileSchedule(object: ConfigObject): Result<ScheduleDefinition, string> {
  const what = `Schedule "${object.metadata.name}"`;
  const spec = parseSpec(scheduleSpecSchema, object, 'Schedule');
  if (!spec.ok) return spec;
  const { timeZone } = spec.value;
  const instant = (text: string): number => scheduleTimeInstant(text, timeZone) ?? Number.NaN; // NaN: refused by validateSchedule
  const definition: ScheduleDefinition = {
    name: object.metadata.name,
    timeZone,
    layers: spec.value.layers.map((layer, index) => ({
      name: layerName(layer, index),
      users: layer.users,
      start: instant(layer.start),
      ...(layer.end === undefined ? {} : { end: instant(layer.end) }),
      turnLengthMs: rotationLengthMs(layer.rotation) ?? Number.NaN,
      restrictions: (layer.restrictions ?? []).map(compileRestriction).filter((r): r is Restriction => r !== undefined),
    })),
    overrides: (spec.value.overrides ?? []).map((override) => ({ user: override.user, from: instant(override.from), to: instant(override.to) })),
  };
  const checked = validateSchedule(definition);
  return checked.ok ? checked : { ok: false, error: `${what}: ${checked.error.join('; ')}` };
}

/**
 * Turns a valid EscalationPolicy document into what `planEscalation` takes: delays in ms, `mode`
 * defaulting to `all` and `repeat` to 0. Never throws.
 *
 * @example compileEscalationPolicy(policyDocument) // → { ok: true, value: { name: 'payments', repeat: 2, levels: [{ escalateAfterMs: 900_000, … }] } }
 */
export function compileEscalationPolicy(object: ConfigObject): Result<EscalationPolicy, string> {
  const spec = parseSpec(escalationPolicySpecSchema, object, 'EscalationPolicy');
  if (!spec.ok) return spec;
  return {
    ok: true,
    value: {
      name: object.metadata.name,
      repeat: spec.value.repeat ?? 0,
      levels: spec.value.levels.map((level) => {
        const delay = parseDurationShorthand(level.escalateAfter);
        return {
          mode: level.mode ?? 'all',
          escalateAfterMs: delay === undefined ? Number.NaN : durationMs(delay),
          targets: level.targets.flatMap((target) => [
            ...(target.schedule === undefined ? [] : [{ kind: 'schedule' as const, schedule: target.schedule }]),
            ...(target.user === undefined ? [] : [{ kind: 'user' as const, user: target.user }]),
          ]),
        };
      }),
    },
  };
}

function parseSpec<T>(schema: z.ZodType<T>, object: ConfigObject, kind: string): Result<T, string> {
  const what = `${kind} "${object.metadata.name}"`;
  if (object.kind !== kind) return { ok: false, error: `${what}: is of kind ${object.kind}` };
  const parsed = schema.safeParse(object.spec);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${what}: its spec is not valid${issue === undefined ? '' : ` at ${issue.path.map(String).join('.')}: ${issue.message}`}` };
}
