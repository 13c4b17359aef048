import type { LabelSet } from './label-matcher';

/** An alert as a source reports it: its labels, when it started, and when it ended (`null` while firing). */
export interface AlertInput {
  readonly labels: LabelSet;
  /** Epoch ms. */
  readonly startsAt: number;
  /** Epoch ms; `null` while the source says it still fires. An alert whose end is past is resolved. */
  readonly endsAt: number | null;
  /** `alertFingerprint(labels)`, when the caller has it already: the router computes it otherwise. */
  readonly fingerprint?: string;
}

/** An alert the router holds, keyed by its fingerprint (`alertFingerprint(labels)`). */
export interface TrackedAlert extends AlertInput {
  /** `alertFingerprint(labels)`. */
  readonly fingerprint: string;
}

/** True while the alert fires at `now`: it has no end, or its end is still to come. */
export function isFiring(alert: AlertInput, now: number): boolean {
  return alert.endsAt === null || alert.endsAt > now;
}
