import type { StoredObject } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { scheduleLayerNames, teamMembers } from './team-members';

function stored(kind: string, object: Record<string, unknown>): StoredObject {
  return {
    kind, name: 'payments', apiVersion: 'xops.dev/v1', object, revision: 1, sourceText: '', sourceFile: null,
    appliedBy: 'admin', createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z',
  };
}

describe('teamMembers', () => {
  it('lists the members in order, with their display names', () => {
    const team = stored('Team', { spec: { members: [{ name: 'ana', displayName: 'Ana Alves', email: 'ana@example.com' }, { name: 'ben' }, { displayName: 'no name' }] } });
    expect(teamMembers(team)).toEqual([{ name: 'ana', displayName: 'Ana Alves' }, { name: 'ben', displayName: null }]);
  });

  it('answers a Team without members with nobody', () => {
    expect(teamMembers(stored('Team', { spec: {} }))).toEqual([]);
    expect(teamMembers(stored('Team', {}))).toEqual([]);
  });
});

describe('scheduleLayerNames', () => {
  it('names unnamed layers as the API does, layer-<n> counting from 1', () => {
    const schedule = stored('Schedule', { spec: { layers: [{ name: 'weekly' }, { users: ['dora'] }, { name: 'nights' }] } });
    expect(scheduleLayerNames(schedule)).toEqual(['weekly', 'layer-2', 'nights']);
  });
});
