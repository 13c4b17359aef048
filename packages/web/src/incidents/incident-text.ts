import type { IncidentEventKind, IncidentViewBody } from '@xops/contracts';

/** An incident's state in words, as its badge shows it. */
export const INCIDENT_STATE_TEXT: Readonly<Record<IncidentViewBody['state'], string>> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** What a timeline entry is, in words. */
export const EVENT_KIND_TEXT: Readonly<Record<IncidentEventKind, string>> = {
  opened: 'Opened',
  alert: 'Alert',
  'alert-resolved': 'Alert resolved',
  page: 'Page',
  'notification-failed': 'Notification failed',
  state: 'State',
  severity: 'Severity',
  role: 'Role',
  note: 'Note',
  'public-update': 'Public update',
  escalation: 'Escalation',
};

/** The incident roles, as the roles form names them. */
export const ROLE_TEXT = { commander: 'Commander', scribe: 'Scribe', communications: 'Communications' } as const;
