import { routeTestRequestSchema, routeTestResultSchema } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { loadOncallDirectory } from '../oncall/oncall-directory';
import { loadRoutingConfig } from './load-routing-config';
import { simulateAlert } from './simulate-alert';

/** What the simulator does not look at yet, said in every answer so nobody trusts it for more. */
const NOTES = [
  'Silences are not checked: the simulator does not read the stored silences yet.',
  'Inhibition looks only at the alerts given in `firing`, not at the alerts firing on the server.',
  'Times assume a new group: an alert that joins a group already notified is told at that group\'s next group_interval.',
];

/**
 * `POST /api/v1/routes/test` (viewer): the simulator. Which routes take an alert with these labels
 * at `at`, its group and timers, whether a silence, inhibition or maintenance window holds it
 * back, its urgency, and who its escalation policy pages when, from the applied config. Nothing
 * is stored and nobody is notified, so a viewer may ask.
 */
export function registerRouteTestRoutes(app: ZodApp, deps: { store: XopsStore; clock: Clock }): void {
  const { store, clock } = deps;
  app.post('/api/v1/routes/test', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'testRoute', tags: ['routing'],
      summary: 'Simulate an alert: the routes that take it (with continue), its group key and labels, group_wait/interval/repeat, '
        + 'whether a silence, inhibition or maintenance window suppresses it at `at`, its urgency, and every page of the escalation '
        + 'policy with who is paged when. Nothing is stored or sent.',
      body: routeTestRequestSchema(() => clock.now()),
      response: { 200: routeTestResultSchema, ...errorResponses(401, 409, 413, 415) },
    },
  }, async (request) => {
    const { labels, at, firing, incidentNumber } = request.body;
    const [routing, directory] = await Promise.all([loadRoutingConfig(store), loadOncallDirectory(store)]);
    return simulateAlert({
      labels,
      at: at ?? clock.now(),
      firing: (firing ?? []).map((alert) => alert.labels),
      incidentNumber: incidentNumber ?? 0,
      routing,
      silences: [],
      directory,
      notes: NOTES,
    });
  });
}
