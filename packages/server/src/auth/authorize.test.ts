import { describe, expect, it } from 'vitest';
import { accessRefusal, type Principal, type ScopedAccess } from './authorize';

const metrics: ScopedAccess = { scope: 'ingest:metrics', orRole: 'editor' };
const alertmanager: ScopedAccess = { scope: 'ingest:alertmanager', orRole: 'editor' };
const sender: Principal = { name: 'sender', scopes: ['ingest:metrics', 'ingest:alertmanager'] };
const role = (r: 'viewer' | 'responder' | 'editor' | 'admin'): Principal => ({ name: r, role: r });

describe('accessRefusal', () => {
  it.each([
    ['an ingest token on a route of each of its scopes', sender, metrics],
    ['an ingest token on a route of its other scope', sender, alertmanager],
    ['the fallback role on a scoped route', role('editor'), metrics],
    ['a stronger role on a scoped route', role('admin'), metrics],
    ['a role on a route of that role', role('responder'), 'responder'],
    ['a stronger role on a role route', role('admin'), 'viewer'],
  ] as const)('admits %s', (_what, principal, access) => {
    expect(accessRefusal(principal, access)).toBeUndefined();
  });

  it.each([
    ['an ingest token on any role route, even viewer', sender, 'viewer', { required: 'viewer', heldScopes: ['ingest:metrics', 'ingest:alertmanager'] }],
    ['an ingest token without the route\'s scope', { name: 'pd', scopes: ['ingest:pagerduty'] }, metrics,
      { requiredScope: 'ingest:metrics', orRole: 'editor', heldScopes: ['ingest:pagerduty'] }],
    ['a role below the fallback on a scoped route', role('responder'), metrics, { requiredScope: 'ingest:metrics', orRole: 'editor', held: 'responder' }],
    ['a role below a role route', role('editor'), 'admin', { required: 'admin', held: 'editor' }],
  ] as const)('refuses %s with 403 details', (_what, principal, access, details) => {
    const refusal = accessRefusal(principal, access);
    expect(refusal?.code).toBe('XOPS_ERR_FORBIDDEN');
    expect(refusal?.details).toEqual(details);
  });
});
