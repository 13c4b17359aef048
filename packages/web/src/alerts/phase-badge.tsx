import { ALERT_PHASE_TEXT, type AlertPhase } from './alert-groups';

/** An alert's or a group's phase in words, never colour alone. */
export function PhaseBadge({ phase }: { readonly phase: AlertPhase }) {
  return <span className={`badge phase-${phase}`} data-phase={phase}>{ALERT_PHASE_TEXT[phase]}</span>;
}
