import type { AlertStateBody, ApiClient, IncomingAlertBody, SilenceBody } from '@xops/contracts';
import { part, type Part } from '../data/part';

/** The most incoming alerts the page loads, newest first. */
const ALERT_LIMIT = 500;

export interface AlertsData {
  readonly incoming: readonly IncomingAlertBody[];
  readonly silences: Part<readonly SilenceBody[]>;
  /** SLO burn-rate alerts whose condition holds but has not held long enough to fire. */
  readonly pendingSlo: Part<readonly AlertStateBody[]>;
}

/** The alerts the sources sent with what routing did with them, the silences, and the SLO alerts about to fire. */
export async function loadAlerts(client: ApiClient): Promise<AlertsData> {
  const [incoming, silences, pendingSlo] = await Promise.all([
    client.listIncomingAlerts({ limit: ALERT_LIMIT }),
    part(client.listSilences()),
    part(client.listAlerts({ status: 'pending' })),
  ]);
  return { incoming, silences, pendingSlo };
}
