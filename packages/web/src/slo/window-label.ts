import type { SloStatusBody } from '@xops/contracts';

/** An SLO's window in words: `28d rolling`, `1 month calendar`. */
export function windowLabel(window: SloStatusBody['window']): string {
  if (window.kind === 'rolling') return `${window.duration} rolling`;
  return `${String(window.count)} ${window.unit}${window.count === 1 ? '' : 's'} calendar`;
}
