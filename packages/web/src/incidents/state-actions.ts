import type { IncidentViewBody } from '@xops/contracts';

/** The state changes a responder can make; each label is also the button's text. */
export type StateAction = 'acknowledge' | 'mitigate' | 'resolve';

export const STATE_ACTION_TEXT: Readonly<Record<StateAction, string>> = {
  acknowledge: 'Acknowledge',
  mitigate: 'Mitigate',
  resolve: 'Resolve',
};

/**
 * The state changes that move `state` forward (core's `applyIncidentAction`: states only move
 * forward, a later one implies the earlier ones): all three from triggered, none once resolved.
 *
 * @example stateActions('acknowledged') // → ['mitigate', 'resolve']
 */
export function stateActions(state: IncidentViewBody['state']): StateAction[] {
  switch (state) {
    case 'triggered': return ['acknowledge', 'mitigate', 'resolve'];
    case 'acknowledged': return ['mitigate', 'resolve'];
    case 'mitigated': return ['resolve'];
    case 'resolved': return [];
  }
}
