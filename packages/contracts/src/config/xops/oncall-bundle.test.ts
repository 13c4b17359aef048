import { describe, expect, it } from 'vitest';
import type { ConfigObject } from '../config-object';
import { validateBundle } from '../validate-bundle';

const object = (kind: string, name: string, spec: Record<string, unknown>): ConfigObject => ({ apiVersion: 'xops.dev/v1', kind, metadata: { name }, spec });
const nothingKnown = (): boolean => false;

const team = object('Team', 'payments', { members: [{ name: 'ana', email: 'ana@example.com' }, { name: 'ben', email: 'ben@example.com' }] });
const schedule = object('Schedule', 'primary', {
  team: 'payments', timeZone: 'Europe/Berlin',
  layers: [{ users: ['ana', 'ben'], rotation: 'weekly', start: '2026-01-05T09:00' }],
  overrides: [{ user: 'ben', from: '2026-01-07T18:00', to: '2026-01-08T09:00' }],
});
const policy = object('EscalationPolicy', 'payments', {
  team: 'payments',
  levels: [{ escalateAfter: '15m', targets: [{ schedule: 'primary' }] }, { escalateAfter: '15m', targets: [{ user: 'ana' }] }],
});

describe('validateBundle with on-call documents', () => {
  it('accepts a team, a schedule of its members and a policy that pages both', () => {
    expect(validateBundle([policy, schedule, team], nothingKnown)).toEqual([]);
  });

  it('reports a missing team or schedule, with a guess', () => {
    const stray = object('EscalationPolicy', 'stray', { team: 'payment', levels: [{ escalateAfter: '5m', targets: [{ schedule: 'primry' }] }] });
    expect(validateBundle([team, schedule, stray], nothingKnown)).toEqual([
      { index: 2, problem: { path: ['spec', 'team'], message: 'no Team named `payment` exists in this bundle or on the server: did you mean `payments`? Otherwise define it or fix the name' } },
      { index: 2, problem: { path: ['spec', 'levels', 0, 'targets', 0, 'schedule'], message: 'no Schedule named `primry` exists in this bundle or on the server: did you mean `primary`? Otherwise define it or fix the name' } },
    ]);
  });

  it('reports people who are not members of the team of the bundle', () => {
    const strangers = object('Schedule', 'strangers', {
      team: 'payments', timeZone: 'UTC',
      layers: [{ users: ['ana', 'bem', 'zoe'], rotation: 'daily', start: '2026-01-05T09:00' }],
      overrides: [{ user: 'carl', from: '2026-01-07T18:00', to: '2026-01-08T09:00' }],
    });
    const pager = object('EscalationPolicy', 'pager', { team: 'payments', levels: [{ escalateAfter: '5m', targets: [{ user: 'anna' }] }] });
    expect(validateBundle([team, strangers, pager], nothingKnown)).toEqual([
      { index: 1, problem: { path: ['spec', 'layers', 0, 'users', 1], message: '`bem` is not a member of Team `payments`: did you mean `ben`? Otherwise add them to its members or fix the name' } },
      { index: 1, problem: { path: ['spec', 'layers', 0, 'users', 2], message: '`zoe` is not a member of Team `payments`: add them to its members or fix the name' } },
      { index: 1, problem: { path: ['spec', 'overrides', 0, 'user'], message: '`carl` is not a member of Team `payments`: add them to its members or fix the name' } },
      { index: 2, problem: { path: ['spec', 'levels', 0, 'targets', 0, 'user'], message: '`anna` is not a member of Team `payments`: did you mean `ana`? Otherwise add them to its members or fix the name' } },
    ]);
  });

  it('trusts the members of a team that only the server knows', () => {
    expect(validateBundle([schedule, policy], (kind, name) => kind === 'Team' && name === 'payments')).toEqual([]);
  });
});
