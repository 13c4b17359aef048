import type { AlertKey, AlertState } from './alert-state';
import { alertStateOf, type AlertRecord } from './alert-state-machine';
import type { BurnRateStatus } from './slo-status';

/** An alert's key and its rule's severity. */
export interface AlertName extends AlertKey {
  readonly severity: string;
}

/**
 * The alert states and burn rates last handed out in a status of one SLO, given again while their
 * values stay the same. They are immutable values, so consecutive statuses may share them: a tick of
 * 10 000 SLOs then allocates mostly what moved, and an object not allocated is one the garbage
 * collector does not copy while the tick still holds it (which cost more than the tick itself).
 */
export class StatusViews {
  private readonly alerts: (AlertState | undefined)[];
  private readonly burnRates: (BurnRateStatus | undefined)[];

  constructor(
    // What names each alert (objective × rule, objective-major), with the rule's severity.
    private readonly names: readonly AlertName[],
    private readonly rules: number,
    private readonly windows: number,
  ) {
    this.alerts = new Array<AlertState | undefined>(names.length).fill(undefined);
    this.burnRates = new Array<BurnRateStatus | undefined>((names.length / Math.max(1, rules)) * windows).fill(undefined);
  }

  /** The state of alert `r` of objective `o`, as `alertStateOf` gives it. */
  alert(o: number, r: number, record: AlertRecord): AlertState {
    const i = o * this.rules + r;
    const view = this.alerts[i];
    if (view !== undefined && view.status === record.status && same(view.value, record.value) && same(view.activeSince, record.activeSince)
      && same(view.firedAt, record.firedAt) && same(view.resolvedAt, record.resolvedAt)) return view;
    const names = this.names[i]!;
    return (this.alerts[i] = alertStateOf(names, names.severity, record));
  }

  /** The burn rate over window `j` of objective `o`; `rate` NaN when the window holds no data. */
  burnRate(o: number, j: number, windowMs: number, rate: number): BurnRateStatus {
    const i = o * this.windows + j;
    const view = this.burnRates[i];
    if (view !== undefined && same(view.burnRate, rate)) return view;
    return (this.burnRates[i] = { windowMs, burnRate: Number.isNaN(rate) ? null : rate });
  }
}

// Whether a nullable view field shows `value` (NaN stands for null); `Object.is`, because a new
// view would keep the sign of a −0.
function same(shown: number | null, value: number): boolean {
  return shown === null ? Number.isNaN(value) : Object.is(shown, value);
}
