import { describe, expect, it } from 'vitest';
import type { ConfigObject, ConfigProblem } from '../config-object';
import { validateConfigDocument } from '../validate-config-document';
import { compileEscalationPolicy } from './compile-oncall';

const policy = (spec: unknown): unknown => ({ apiVersion: 'xops.dev/v1', kind: 'EscalationPolicy', metadata: { name: 'payments' }, spec });
const problemsOf = (value: unknown): ConfigProblem[] => {
  const result = validateConfigDocument(value);
  return result.ok ? [] : result.problems;
};
const checked = (value: unknown): ConfigObject => {
  const result = validateConfigDocument(value);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};

// The same document as examples/oncall/escalation-policy.yaml.
const example = policy({
  description: 'Payments incidents',
  team: 'payments',
  repeat: 1,
  levels: [
    { escalateAfter: '15m', targets: [{ schedule: 'payments-primary' }] },
    { escalateAfter: '10m', mode: 'round-robin', targets: [{ user: 'ana' }, { user: 'ben' }] },
    { escalateAfter: '10m', targets: [{ user: 'dora' }] },
  ],
});

describe('EscalationPolicy', () => {
  it('accepts the example, and a policy of schedules only without a team', () => {
    expect(validateConfigDocument(example)).toEqual({ ok: true, value: example });
    expect(problemsOf(policy({ levels: [{ escalateAfter: '1h', mode: 'all', targets: [{ schedule: 'primary' }, { schedule: 'secondary' }] }] }))).toEqual([]);
  });

  it('says how to fix levels, targets and repeat', () => {
    expect(problemsOf(policy({
      repeat: 12,
      levels: [
        { escalateAfter: '0m', mode: 'rr', targets: [{}, { schedule: 'primary', user: 'ana' }] },
        { escalateAfter: 'soon', targets: [] },
        { delay: '5m', targets: [{ user: 'ben', users: ['cem'] }] },
      ],
    }))).toEqual([
      { path: ['spec', 'repeat'], message: '`repeat` must be at most 9, not `12`' },
      { path: ['spec', 'levels', 0, 'escalateAfter'], message: 'delay `0m` has no length: use a number above zero, e.g. 30d' },
      { path: ['spec', 'levels', 0, 'mode'], message: '`mode` must be one of `all`, `round-robin`, not `rr`' },
      { path: ['spec', 'levels', 0, 'targets', 0], message: 'a target needs `schedule` (the name of a Schedule) or `user` (a member of the team)' },
      { path: ['spec', 'levels', 0, 'targets', 1], message: 'a target is one schedule or one user, not both: split it into two targets' },
      { path: ['spec', 'levels', 1, 'escalateAfter'], message: 'delay `soon` does not parse: use a number followed by m, h, d, w, M, Q or Y, e.g. 30d' },
      { path: ['spec', 'levels', 1, 'targets'], message: '`targets` needs at least one item' },
      { path: ['spec', 'levels', 2, 'escalateAfter'], message: '`escalateAfter` is required: how long this level has to acknowledge before the next level is paged, e.g. 15m' },
      { path: ['spec', 'levels', 2, 'targets', 0, 'users'], message: 'unknown field `users`: did you mean `user`? Allowed here: schedule, user' },
      { path: ['spec', 'levels', 2, 'delay'], message: 'unknown field `delay`; allowed here: escalateAfter, mode, targets' },
      { path: ['spec', 'team'], message: '`team` is required when a level targets a `user`: the name of the Team whose member that is' },
    ]);
    expect(problemsOf(policy({ repeat: 1.5, levels: [] }))).toEqual([
      { path: ['spec', 'repeat'], message: '`repeat` must be a whole number, not the number 1.5' },
      { path: ['spec', 'levels'], message: '`levels` needs at least one item' },
    ]);
  });
});

describe('compileEscalationPolicy', () => {
  it('turns delays into ms and fills in the defaults', () => {
    expect(compileEscalationPolicy(checked(example))).toEqual({
      ok: true,
      value: {
        name: 'payments',
        repeat: 1,
        levels: [
          { mode: 'all', escalateAfterMs: 15 * 60_000, targets: [{ kind: 'schedule', schedule: 'payments-primary' }] },
          { mode: 'round-robin', escalateAfterMs: 10 * 60_000, targets: [{ kind: 'user', user: 'ana' }, { kind: 'user', user: 'ben' }] },
          { mode: 'all', escalateAfterMs: 10 * 60_000, targets: [{ kind: 'user', user: 'dora' }] },
        ],
      },
    });
    expect(compileEscalationPolicy(checked(policy({ levels: [{ escalateAfter: '1h', targets: [{ schedule: 'primary' }] }] })))).toEqual({
      ok: true, value: { name: 'payments', repeat: 0, levels: [{ mode: 'all', escalateAfterMs: 3_600_000, targets: [{ kind: 'schedule', schedule: 'primary' }] }] },
    });
  });

  it('refuses a document of another kind', () => {
    const team = checked({ apiVersion: 'xops.dev/v1', kind: 'Team', metadata: { name: 'payments' }, spec: { members: [{ name: 'ana', email: 'ana@example.com' }] } });
    expect(compileEscalationPolicy(team)).toEqual({ ok: false, error: 'EscalationPolicy "payments": is of kind Team' });
  });
});
