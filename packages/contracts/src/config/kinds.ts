/** Every object kind xops accepts in config files, with the names the API and CLI use for it. */
export interface KindInfo {
  readonly kind: string;
  readonly apiVersion: 'openslo/v1' | 'xops.dev/v1';
  /** Path segment under /api/v1, e.g. `slos`. */
  readonly plural: string;
  /** Lower-case names the CLI accepts, e.g. `slo`, `slos`. */
  readonly aliases: readonly string[];
}

const openslo = (kind: string, plural: string, ...aliases: string[]): KindInfo =>
  ({ kind, apiVersion: 'openslo/v1', plural, aliases: [kind.toLowerCase(), plural, ...aliases] });
const xops = (kind: string, plural: string, ...aliases: string[]): KindInfo =>
  ({ kind, apiVersion: 'xops.dev/v1', plural, aliases: [kind.toLowerCase(), plural, ...aliases] });

export const KINDS: readonly KindInfo[] = [
  openslo('Service', 'services', 'svc'),
  openslo('SLI', 'slis'),
  openslo('SLO', 'slos'),
  openslo('DataSource', 'datasources', 'ds'),
  openslo('AlertPolicy', 'alertpolicies'),
  openslo('AlertCondition', 'alertconditions'),
  openslo('AlertNotificationTarget', 'alertnotificationtargets'),
  xops('Team', 'teams'),
  xops('Schedule', 'schedules'),
  xops('EscalationPolicy', 'escalationpolicies'),
  xops('Route', 'routes'),
  xops('MaintenanceWindow', 'maintenancewindows'),
  xops('ErrorBudgetPolicy', 'errorbudgetpolicies'),
  xops('CanaryConfig', 'canaryconfigs'),
  xops('ChaosExperiment', 'chaosexperiments'),
  xops('Runbook', 'runbooks'),
];

/** Finds a kind by its name (`SLO`), plural (`slos`) or alias (`slo`), case-insensitively. */
export function findKind(nameOrAlias: string): KindInfo | undefined {
  const wanted = nameOrAlias.toLowerCase();
  return KINDS.find((k) => k.aliases.includes(wanted));
}
