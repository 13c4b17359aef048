import { describe, expect, it } from 'vitest';
import type { IncidentLifecycle } from './incident';
import { applyIncidentAction } from './incident-action';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const open: IncidentLifecycle = {
  state: 'triggered', severity: 'SEV2', roles: {}, createdAt: T0, acknowledgedAt: null, mitigatedAt: null, resolvedAt: null,
};

describe('applyIncidentAction', () => {
  it('acknowledges a triggered incident at now, with one state change', () => {
    const result = applyIncidentAction(open, { kind: 'acknowledge' }, T0 + 90_000);
    expect(result).toEqual({
      ok: true,
      value: {
        incident: { ...open, state: 'acknowledged', acknowledgedAt: T0 + 90_000 },
        changes: [{ kind: 'state', from: 'triggered', to: 'acknowledged' }],
      },
    });
  });

  it('resolving straight from triggered fills in the acknowledge and mitigate times it skipped', () => {
    const result = applyIncidentAction(open, { kind: 'resolve' }, T0 + 600_000);
    expect(result.ok && result.value.incident).toEqual({
      ...open, state: 'resolved', acknowledgedAt: T0 + 600_000, mitigatedAt: T0 + 600_000, resolvedAt: T0 + 600_000,
    });
  });

  it('keeps the earlier times when moving on: mitigate after an ack at +60 s', () => {
    const acked = { ...open, state: 'acknowledged' as const, acknowledgedAt: T0 + 60_000 };
    const result = applyIncidentAction(acked, { kind: 'mitigate' }, T0 + 300_000);
    expect(result.ok && result.value.incident).toEqual({ ...acked, state: 'mitigated', mitigatedAt: T0 + 300_000 });
  });

  it('changes nothing when the incident is in that state already', () => {
    const acked = { ...open, state: 'acknowledged' as const, acknowledgedAt: T0 + 60_000 };
    expect(applyIncidentAction(acked, { kind: 'acknowledge' }, T0 + 120_000)).toEqual({ ok: true, value: { incident: acked, changes: [] } });
  });

  it('refuses to move back: a resolved incident cannot be acknowledged', () => {
    const resolved = { ...open, state: 'resolved' as const, acknowledgedAt: T0, mitigatedAt: T0, resolvedAt: T0 };
    expect(applyIncidentAction(resolved, { kind: 'acknowledge' }, T0 + 1)).toEqual({
      ok: false, error: 'the incident is resolved already; it cannot be acknowledged again',
    });
  });

  it('assigns, replaces and clears a role, recording from and to', () => {
    const first = applyIncidentAction(open, { kind: 'assign-role', role: 'commander', person: 'alice' }, T0);
    expect(first.ok && first.value.changes).toEqual([{ kind: 'role', role: 'commander', from: null, to: 'alice' }]);
    const withAlice = first.ok ? first.value.incident : open;
    const second = applyIncidentAction(withAlice, { kind: 'assign-role', role: 'commander', person: 'bob' }, T0);
    expect(second.ok && second.value.changes).toEqual([{ kind: 'role', role: 'commander', from: 'alice', to: 'bob' }]);
    const cleared = applyIncidentAction(second.ok ? second.value.incident : open, { kind: 'assign-role', role: 'commander', person: null }, T0);
    expect(cleared.ok && cleared.value.incident.roles).toEqual({});
  });

  it('changes severity, and records nothing for the same severity', () => {
    expect(applyIncidentAction(open, { kind: 'set-severity', severity: 'SEV1' }, T0)).toEqual({
      ok: true, value: { incident: { ...open, severity: 'SEV1' }, changes: [{ kind: 'severity', from: 'SEV2', to: 'SEV1' }] },
    });
    expect(applyIncidentAction(open, { kind: 'set-severity', severity: 'SEV2' }, T0)).toEqual({ ok: true, value: { incident: open, changes: [] } });
  });
});
