import { inhibitionsOf, type Inhibition, type InhibitRule } from './inhibit-rule';
import { matchesAll } from './label-matcher';
import { maintenanceOccurrenceAt, type MaintenanceWindow } from './maintenance-window';
import { silencedBy, type AlertsByFingerprint, type Silence } from './silence';
import { isFiring, type TrackedAlert } from './tracked-alert';

/** What can keep an alert quiet: silences, inhibition rules and maintenance windows. */
export interface SuppressionRules {
  readonly silences: readonly Silence[];
  readonly inhibitRules: readonly InhibitRule[];
  readonly maintenanceWindows: readonly MaintenanceWindow[];
}

export const NO_SUPPRESSION_RULES: SuppressionRules = { silences: [], inhibitRules: [], maintenanceWindows: [] };

/**
 * Why an alert is quiet at some instant, and how quiet: `all` notifies no one (a silence, an
 * inhibition, a window with `suppress: all`), `pages` still notifies channels and tickets but
 * at low urgency, so no one is woken (a window with `suppress: pages`), `none` is not quiet.
 */
export interface AlertSuppression {
  readonly mutes: 'none' | 'pages' | 'all';
  readonly silencedBy: readonly string[];
  readonly inhibitedBy: readonly Inhibition[];
  readonly maintenanceBy: readonly string[];
}

/**
 * How `alert` is suppressed at `now`. `alerts` are all the alerts the router holds: inhibition
 * sources are those of them that fire (silenced or not, as in Alertmanager), and a silence that
 * lasts until an alert resolves looks its alert up there.
 */
export function suppressionOf(alert: TrackedAlert, rules: SuppressionRules, alerts: AlertsByFingerprint, now: number): AlertSuppression {
  return suppressionCheck(rules, alerts, now)(alert);
}

/** `suppressionOf` for many alerts at one instant: the firing alerts are listed once. */
export function suppressionCheck(rules: SuppressionRules, alerts: AlertsByFingerprint, now: number): (alert: TrackedAlert) => AlertSuppression {
  const firing = rules.inhibitRules.length === 0 ? [] : Object.values(alerts).filter((alert) => isFiring(alert, now));
  const windows = rules.maintenanceWindows.filter((window) => maintenanceOccurrenceAt(window, now) !== null);
  return (alert) => {
    const silences = silencedBy(alert, rules.silences, now, alerts);
    const inhibitions = firing.length === 0 ? [] : inhibitionsOf(alert, rules.inhibitRules, firing);
    const within = windows.filter((window) => matchesAll(window.matchers, alert.labels));
    const mutes = silences.length > 0 || inhibitions.length > 0 || within.some((window) => window.suppress === 'all') ? 'all'
      : within.length > 0 ? 'pages' : 'none';
    return { mutes, silencedBy: silences, inhibitedBy: inhibitions, maintenanceBy: within.map((window) => window.name) };
  };
}
