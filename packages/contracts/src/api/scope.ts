import { z } from 'zod';

/**
 * The scopes an ingest token can carry (ADR 0010). An ingest token may call the routes of its
 * scopes and nothing else; a route that takes a scope also takes a role token of the role it names.
 * `ingest:alertmanager`, `ingest:pagerduty` and `ingest:alerts` are the alert sources of issue 5
 * (ADR 0013).
 */
export const SCOPES = ['ingest:metrics', 'ingest:alertmanager', 'ingest:pagerduty', 'ingest:alerts'] as const;

export const scopeSchema = z.enum(SCOPES, {
  error: (issue) => `unknown scope ${JSON.stringify(issue.input)}: use one of ${SCOPES.join(', ')}`,
});
export type Scope = z.infer<typeof scopeSchema>;

/** What each scope lets a token send, for help texts and the API description. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'ingest:metrics': 'remote write (POST /api/v1/write), OTLP (POST /v1/metrics), SLI events (POST /api/v1/slis/{name}/events)',
  'ingest:alertmanager': 'Alertmanager webhooks (POST /api/v1/integrations/alertmanager)',
  'ingest:pagerduty': 'PagerDuty Events API v2 (POST /v2/enqueue; the token may be sent as routing_key)',
  'ingest:alerts': 'generic JSON alerts (POST /api/v1/alerts/events)',
};

/** The scopes without repeats, in the order of `SCOPES`, so that equal sets look the same everywhere. */
export function normalizeScopes(scopes: readonly Scope[]): Scope[] {
  return SCOPES.filter((scope) => scopes.includes(scope));
}
