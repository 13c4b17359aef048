import { applyIncidentAction, type IncidentAction, type IncidentChange, type IncidentRole } from '@xops/core';
import type { IncidentRecord, NewIncidentEvent, XopsStore } from '@xops/store';
import { XopsError } from '../http/xops-error';

/** What a responder does to an incident: a state-machine action, or words for the timeline. */
export type IncidentCommand =
  | IncidentAction
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'update'; readonly text: string; readonly public: boolean };

const STATE_TEXT = { triggered: 'Triggered', acknowledged: 'Acknowledged', mitigated: 'Mitigated', resolved: 'Resolved' } as const;
const ROLE_TEXT: Readonly<Record<IncidentRole, string>> = { commander: 'Commander', scribe: 'Scribe', communications: 'Communications' };

/**
 * Applies `command` to the incident `ref` (id or number) as `actor` at `now`, through
 * `store.changeIncident`: core's `applyIncidentAction` decides, and each change lands on the
 * timeline with the actor in the same transaction (an acknowledgement also stops the paging
 * there). Throws 404 for no such incident, 409 when the state machine refuses.
 */
export async function changeIncidentBy(store: XopsStore, change: { ref: string; command: IncidentCommand; actor: string; now: number }): Promise<IncidentRecord> {
  const { ref, command, actor, now } = change;
  const result = await store.changeIncident(ref, (incident) => {
    if (command.kind === 'note' || command.kind === 'update') {
      return { ok: true, value: { lifecycle: incident, events: [wordsEvent(command, actor, now)] } };
    }
    const applied = applyIncidentAction(incident, command, now);
    if (!applied.ok) return applied;
    return { ok: true, value: { lifecycle: applied.value.incident, events: applied.value.changes.map((one) => changeEvent(one, actor, now)) } };
  }, now);
  if (result === undefined) throw new XopsError('XOPS_ERR_NOT_FOUND', `Incident ${ref} does not exist.`, { kind: 'Incident', ref });
  if (!result.ok) throw new XopsError('XOPS_ERR_CONFLICT', `Incident ${ref}: ${result.error}.`);
  return result.value;
}

function wordsEvent(command: { kind: 'note' | 'update'; text: string; public?: boolean }, actor: string, now: number): NewIncidentEvent {
  if (command.kind === 'note') return { at: now, kind: 'note', actor, text: command.text };
  return command.public === true
    ? { at: now, kind: 'public-update', actor, text: command.text, public: true }
    : { at: now, kind: 'note', actor, text: command.text, details: { update: true } };
}

function changeEvent(change: IncidentChange, actor: string, now: number): NewIncidentEvent {
  switch (change.kind) {
    case 'state':
      return { at: now, kind: 'state', actor, text: STATE_TEXT[change.to], details: { from: change.from, to: change.to } };
    case 'severity':
      return { at: now, kind: 'severity', actor, text: `Severity ${change.from} → ${change.to}`, details: { from: change.from, to: change.to } };
    case 'role': {
      const role = ROLE_TEXT[change.role];
      const was = change.from === null ? '' : ` (was ${change.from})`;
      const text = change.to === null ? `${role} unassigned${was}` : `${role}: ${change.to}${was}`;
      return { at: now, kind: 'role', actor, text, details: { role: change.role, from: change.from, to: change.to } };
    }
  }
}
