import { targetsBodySchema } from '@xops/contracts';
import { errorResponses } from '../../http/error-envelope';
import type { ZodApp } from '../../http/zod-app';
import type { PromqlPoller } from '../promql/promql-poller';
import type { TelemetrySink } from '../sample-sink';
import type { Scraper } from './scraper';

/**
 * `GET /api/v1/targets` (viewer): every scrape target with its health as this replica knows it
 * (live on the replica that holds the scrape lease), and why a telemetry selector counts nothing.
 * PromQL DataSources follow with `kind: promql` and the health of their last poll (docs/adr/0008).
 * Without a scraper (an app made without telemetry), the list is empty.
 */
export function registerTargetRoutes(app: ZodApp, { scraper, sink, promql }: { scraper?: Scraper; sink?: Pick<TelemetrySink, 'problems'>; promql?: Pick<PromqlPoller, 'sources'> }): void {
  app.get('/api/v1/targets', {
    config: { access: 'viewer' },
    schema: {
      operationId: 'listTargets', tags: ['telemetry'],
      summary: 'Prometheus scrape targets (DataSources of type prometheus-scrape) and PromQL sources (type Prometheus) with their health: up, last scrape or poll, last error, samples.',
      response: { 200: targetsBodySchema, ...errorResponses(401) },
    },
  }, async () => ({ scraping: scraper?.scraping() ?? false, targets: [...scraper?.targets() ?? [], ...promql?.sources() ?? []], problems: [...sink?.problems() ?? []] }));
}
