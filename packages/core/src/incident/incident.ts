/** Where an incident stands (issue 5): triggered → acknowledged → mitigated → resolved. */
export type IncidentState = 'triggered' | 'acknowledged' | 'mitigated' | 'resolved';

export const INCIDENT_STATES: readonly IncidentState[] = ['triggered', 'acknowledged', 'mitigated', 'resolved'];

/** SEV1 is the worst: customer-facing and widespread. */
export type IncidentSeverity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

export const INCIDENT_SEVERITIES: readonly IncidentSeverity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/** The roles of an incident's response, as PagerDuty's incident-response docs name them. */
export type IncidentRole = 'commander' | 'scribe' | 'communications';

export const INCIDENT_ROLES: readonly IncidentRole[] = ['commander', 'scribe', 'communications'];

/** The part of an incident its state machine reads and changes; times are epoch ms. */
export interface IncidentLifecycle {
  readonly state: IncidentState;
  readonly severity: IncidentSeverity;
  readonly roles: Readonly<Partial<Record<IncidentRole, string>>>;
  readonly createdAt: number;
  readonly acknowledgedAt: number | null;
  readonly mitigatedAt: number | null;
  readonly resolvedAt: number | null;
}
