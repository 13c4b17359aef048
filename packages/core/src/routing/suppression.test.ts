import { describe, expect, it } from 'vitest';
import { alertFingerprint } from './alert-fingerprint';
import { inhibitionsOf, type InhibitRule } from './inhibit-rule';
import type { LabelSet } from './label-matcher';
import { silenceState, type Silence } from './silence';
import { suppressionOf, NO_SUPPRESSION_RULES } from './suppression';
import { eq, HOUR, MINUTE, re } from './testing/routing-fixtures';
import type { TrackedAlert } from './tracked-alert';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const alert = (labels: LabelSet, startsAt = T0, endsAt: number | null = null): TrackedAlert => ({ fingerprint: alertFingerprint(labels), labels, startsAt, endsAt });
const byFingerprint = (...alerts: TrackedAlert[]): Record<string, TrackedAlert> => Object.fromEntries(alerts.map((a) => [a.fingerprint, a]));

describe('silenceState', () => {
  const timed: Silence = { id: 's', matchers: [eq('service', 'checkout')], startsAt: T0, endsAt: T0 + HOUR };

  it('is pending before its start, active until its end (exclusive), then expired', () => {
    expect(silenceState(timed, T0 - 1, {})).toBe('pending');
    expect(silenceState(timed, T0, {})).toBe('active');
    expect(silenceState(timed, T0 + HOUR - 1, {})).toBe('active');
    expect(silenceState(timed, T0 + HOUR, {})).toBe('expired');
  });

  it('with untilResolved, ends when that episode of the alert stops firing', () => {
    const disk = alert({ alertname: 'DiskFull' });
    const tied: Silence = { id: 't', matchers: [], startsAt: T0, endsAt: null, untilResolved: { fingerprint: disk.fingerprint, startsAt: T0 } };
    expect(silenceState(tied, T0 + MINUTE, byFingerprint(disk))).toBe('active');
    // A re-send that moves startsAt earlier is still the same episode.
    expect(silenceState(tied, T0 + MINUTE, byFingerprint({ ...disk, startsAt: T0 - MINUTE }))).toBe('active');
    expect(silenceState(tied, T0 + 2 * MINUTE, byFingerprint({ ...disk, endsAt: T0 + 2 * MINUTE }))).toBe('expired');
    expect(silenceState(tied, T0 + 2 * MINUTE, {})).toBe('expired');
    expect(silenceState(tied, T0 + 9 * MINUTE, byFingerprint({ ...disk, startsAt: T0 + 5 * MINUTE }))).toBe('expired');
    // An end of its own still applies.
    expect(silenceState({ ...tied, endsAt: T0 + MINUTE }, T0 + MINUTE, byFingerprint(disk))).toBe('expired');
  });
});

describe('inhibitionsOf', () => {
  const rule: InhibitRule = { name: 'cluster-down', sourceMatchers: [eq('alertname', 'ClusterDown')], targetMatchers: [re('severity', 'page|ticket')], equal: ['cluster', 'env'] };
  const source = alert({ alertname: 'ClusterDown', cluster: 'c1', severity: 'critical' });

  it('counts a label missing on both sides as equal, and a difference as not', () => {
    const target = alert({ alertname: 'HighLatency', cluster: 'c1', severity: 'page' });
    expect(inhibitionsOf(target, [rule], [source, target])).toEqual([{ rule: 'cluster-down', source: source.fingerprint }]);
    const otherEnv = alert({ alertname: 'HighLatency', cluster: 'c1', env: 'prod', severity: 'page' });
    expect(inhibitionsOf(otherEnv, [rule], [source, otherEnv])).toEqual([]);
    const otherCluster = alert({ alertname: 'HighLatency', cluster: 'c2', severity: 'page' });
    expect(inhibitionsOf(otherCluster, [rule], [source, otherCluster])).toEqual([]);
  });

  it('leaves alerts the target matchers do not match alone', () => {
    const info = alert({ alertname: 'HighLatency', cluster: 'c1', severity: 'info' });
    expect(inhibitionsOf(info, [rule], [source, info])).toEqual([]);
  });

  it('does not let alerts that match both sides inhibit each other (Alertmanager inhibit.go)', () => {
    const both: InhibitRule = { name: 'both', sourceMatchers: [eq('severity', 'page')], targetMatchers: [eq('severity', 'page')], equal: ['cluster'] };
    const a = alert({ alertname: 'A', cluster: 'c1', severity: 'page' });
    const b = alert({ alertname: 'B', cluster: 'c1', severity: 'page' });
    expect(inhibitionsOf(a, [both], [a, b])).toEqual([]);
  });
});

describe('suppressionOf', () => {
  it('gathers silences, inhibitions and maintenance windows, and says how quiet the alert is', () => {
    const target = alert({ alertname: 'HighLatency', service: 'checkout', cluster: 'c1', severity: 'page' });
    const source = alert({ alertname: 'ClusterDown', cluster: 'c1' });
    const rules = {
      silences: [{ id: 's1', matchers: [eq('service', 'checkout')], startsAt: T0, endsAt: T0 + HOUR }],
      inhibitRules: [{ name: 'cluster-down', sourceMatchers: [eq('alertname', 'ClusterDown')], targetMatchers: [eq('severity', 'page')], equal: ['cluster'] }],
      maintenanceWindows: [{ name: 'patching', matchers: [eq('service', 'checkout')], start: '2026-03-02T09:30:00', timeZone: 'UTC', durationMs: HOUR, suppress: 'pages' as const }],
    };
    expect(suppressionOf(target, rules, byFingerprint(target, source), T0 + 40 * MINUTE)).toEqual({
      mutes: 'all', silencedBy: ['s1'], inhibitedBy: [{ rule: 'cluster-down', source: source.fingerprint }], maintenanceBy: ['patching'],
    });
    const later = T0 + 80 * MINUTE; // the silence is over, ClusterDown resolved, the window still on
    expect(suppressionOf(target, rules, byFingerprint(target, { ...source, endsAt: T0 + HOUR }), later)).toEqual({
      mutes: 'pages', silencedBy: [], inhibitedBy: [], maintenanceBy: ['patching'],
    });
    expect(suppressionOf(target, NO_SUPPRESSION_RULES, {}, later)).toEqual({ mutes: 'none', silencedBy: [], inhibitedBy: [], maintenanceBy: [] });
  });
});
