import { matchesAll, type LabelMatcher } from './label-matcher';
import { isFiring, type TrackedAlert } from './tracked-alert';

/**
 * A silence: alerts its matchers match notify no one while it is active (Alertmanager's silence,
 * api/v2/openapi.yaml `silence`). It ends at `endsAt`, or, with `untilResolved`, when that alert
 * resolves: the firing episode that began at `untilResolved.startsAt`, so the same alert firing
 * again later is not silenced (Alertmanager issue #3825, "mute until resolved").
 */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly LabelMatcher[];
  /** Epoch ms. */
  readonly startsAt: number;
  /** Epoch ms, exclusive; `null` for a silence that ends only when its alert resolves. */
  readonly endsAt: number | null;
  readonly untilResolved?: { readonly fingerprint: string; readonly startsAt: number };
}

/** `pending` before it starts, `active`, then `expired` (Alertmanager's silence states). */
export type SilenceState = 'pending' | 'active' | 'expired';

/** The alerts the router holds, by fingerprint. */
export type AlertsByFingerprint = Readonly<Record<string, TrackedAlert>>;

/**
 * The state of a silence at `now`. One `untilResolved` is expired once its alert's episode no
 * longer fires: the alert resolved, is gone, or fires again in a later episode.
 *
 * @example silenceState({ id: 's1', matchers: [], startsAt: 0, endsAt: 3_600_000 }, 60_000, {}) // → 'active'
 */
export function silenceState(silence: Silence, now: number, alerts: AlertsByFingerprint): SilenceState {
  if (now < silence.startsAt) return 'pending';
  if (silence.endsAt !== null && now >= silence.endsAt) return 'expired';
  const tied = silence.untilResolved;
  if (tied !== undefined) {
    const alert = Object.hasOwn(alerts, tied.fingerprint) ? alerts[tied.fingerprint] : undefined;
    if (alert === undefined || !isFiring(alert, now) || alert.startsAt > tied.startsAt) return 'expired';
  }
  return 'active';
}

/** The ids of the silences that are active at `now` and match `alert`. */
export function silencedBy(alert: TrackedAlert, silences: readonly Silence[], now: number, alerts: AlertsByFingerprint): string[] {
  return silences.filter((silence) => matchesAll(silence.matchers, alert.labels) && silenceState(silence, now, alerts) === 'active').map((silence) => silence.id);
}
