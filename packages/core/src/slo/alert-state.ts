/** The lifecycle of one alert instance (SLO × objective × rule). */
export type AlertStatus = 'inactive' | 'pending' | 'firing' | 'resolved';

/** Identifies one alert instance; `objective` is `*` for the composite as a whole. */
export interface AlertKey {
  readonly slo: string;
  readonly objective: string;
  readonly rule: string;
}

export interface AlertState extends AlertKey {
  readonly status: AlertStatus;
  readonly severity: string;
  /** When the condition first held (pending or firing since). */
  readonly activeSince: number | null;
  /** When it fired; null unless firing or resolved. */
  readonly firedAt: number | null;
  readonly resolvedAt: number | null;
  /** The value that made the decision, e.g. the long-window burn rate. */
  readonly value: number | null;
}

export interface AlertTransition extends AlertKey {
  readonly at: number;
  readonly from: AlertStatus;
  readonly to: AlertStatus;
  readonly severity: string;
  readonly value: number | null;
}
