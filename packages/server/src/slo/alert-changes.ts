import type { AlertKey, AlertState, AlertTransition } from '@xops/core';

/** One string per alert instance (SLO × objective × rule). */
export const alertKey = (key: AlertKey): string => `${key.slo}\u0000${key.objective}\u0000${key.rule}`;

// What makes a stored state worth rewriting. The value of a pending or firing alert is shown to
// people, so it counts then; otherwise it changes every tick and nobody reads it.
const fingerprint = (state: AlertState | undefined): string => {
  // An inactive alert that never fired is the same as no row at all.
  if (state === undefined) return 'inactive|||';
  const base = `${state.status}|${state.activeSince ?? ''}|${state.firedAt ?? ''}|${state.resolvedAt ?? ''}`;
  return state.status === 'pending' || state.status === 'firing' ? `${base}|${state.severity}|${state.value ?? ''}` : base;
};

/**
 * What one tick has to write: the evaluated states that differ from what the store holds, and
 * the end of every saved alert that is pending or firing though nothing evaluates it any more
 * (its SLO deleted, its objective or rule renamed away): firing ones resolve and pending ones go
 * back to inactive at `now`, each with its transition, so the alert router never pages for a rule
 * that is gone. SLOs in `unknown` (stored, but not compilable right now) are left as they are:
 * whether they still burn is not known.
 */
export function alertChanges(input: {
  readonly saved: ReadonlyMap<string, AlertState>;
  readonly evaluated: readonly AlertState[];
  readonly transitions: readonly AlertTransition[];
  readonly unknown: ReadonlySet<string>;
  readonly now: number;
}): { states: AlertState[]; transitions: AlertTransition[] } {
  const { saved, now } = input;
  const states = input.evaluated.filter((state) => fingerprint(saved.get(alertKey(state))) !== fingerprint(state));
  const transitions = [...input.transitions];
  const evaluated = new Set(input.evaluated.map(alertKey));
  // In key order (SLO, objective, rule), as the store lists states.
  for (const [key, state] of [...saved].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if ((state.status !== 'firing' && state.status !== 'pending') || evaluated.has(key) || input.unknown.has(state.slo)) continue;
    const ended: AlertState = state.status === 'firing'
      ? { ...state, status: 'resolved', resolvedAt: now, value: null }
      : { ...state, status: 'inactive', activeSince: null, value: null };
    states.push(ended);
    transitions.push({ slo: state.slo, objective: state.objective, rule: state.rule, at: now, from: state.status, to: ended.status, severity: state.severity, value: null });
  }
  return { states, transitions };
}
