import { z } from 'zod';
import { alertStateSchema, alertTransitionSchema } from './alert';
import { incomingAlertSchema } from './incoming-alert';
import { silenceSchema, type SilenceCreateRequest } from './silence';
import { applyResultSchema, type ApplyRequest, type DeleteRequest } from './apply';
import { auditEntrySchema } from './audit-entry';
import { backfillResultSchema, prometheusRulesSchema, type BackfillRequest } from './backfill';
import type { ErrorEnvelope } from './error-codes';
import { ingestResultSchema, NDJSON_CONTENT_TYPE, type IngestMode } from './ingest-result';
import { finalScheduleSchema, onCallSchema } from './oncall';
import { incidentDetailsSchema, incidentViewSchema, type IncidentDeclareRequest, type IncidentUpdateRequest } from './incident-requests';
import type { IncidentRole, IncidentSeverity } from '@xops/core';
import { incidentReportSchema } from './incident-report';
import {
  actionItemSchema, postmortemSchema, type ActionItemCreateRequest, type ActionItemUpdateRequest, type PostmortemUpdateRequest,
} from './postmortem';
import { notificationSchema, type NotificationStatus } from './notification';
import { publicStatusSchema } from './public-status';
import { roleSchema } from './role';
import { routeTestResultSchema, type RouteTestRequest } from './route-test';
import { replayResultSchema, sloSeriesSchema, type ReplayRequest } from './slo-series';
import { demoFaultSchema, type DemoFaultRequest } from './demo-fault';
import { serviceSignalsSchema } from './service-signals';
import { sloStatusListSchema, sloStatusSchema } from './slo-status';
import { sloSummaryListSchema } from './slo-summary';
import { storedObjectSchema } from './stored-object';
import { targetsBodySchema } from './target-health';
import { tokenCreatedSchema, tokenInfoSchema, type TokenCreateRequest } from './token';

/** An error answer from the xops API, with the catalogue code and details of the envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached at all (refused, DNS, timeout). */
export class ApiUnreachableError extends Error {
  constructor(readonly server: string, cause: unknown) {
    super(`cannot reach the xops server at ${server}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ApiUnreachableError';
  }
}

export interface ApiClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:7070`. */
  readonly server: string;
  readonly token?: string;
  /** Injected for tests and for the browser; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/**
 * The typed client of the xops HTTP API, shared by the CLI and the dashboard.
 * Every method resolves with the parsed body or rejects with an `ApiError`.
 */
export function createApiClient(options: ApiClientOptions) {
  const base = options.server.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  /** Sends `body` as JSON, when there is one; see `send`. */
  function request<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    return send(schema, method, path, body === undefined ? undefined : { contentType: 'application/json', text: JSON.stringify(body) });
  }

  /** Sends a body that is already text (NDJSON) with its content type, and parses the JSON answer with `schema`. */
  async function send<T>(schema: z.ZodType<T>, method: string, path: string, body?: { contentType: string; text: string }): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = body.contentType;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, body: body?.text });
    } catch (cause) {
      throw new ApiUnreachableError(base, cause);
    }
    const text = await response.text();
    const parsed: unknown = text.length > 0 ? safeJson(text) : undefined;
    if (!response.ok) {
      const envelope = isErrorEnvelope(parsed) ? parsed.error : undefined;
      throw new ApiError(
        response.status,
        envelope?.code ?? 'XOPS_ERR_HTTP',
        envelope?.message ?? `HTTP ${response.status} from ${method} ${path}`,
        envelope?.details,
      );
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      throw new ApiError(response.status, 'XOPS_ERR_BAD_RESPONSE',
        `unexpected response from ${method} ${path}: ${z.prettifyError(checked.error)}`);
    }
    return checked.data;
  }

  /** GETs a body that is not JSON (an iCalendar feed) as text; errors are the API's JSON envelope as elsewhere. */
  async function requestText(path: string): Promise<string> {
    const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method: 'GET', headers });
    } catch (cause) {
      throw new ApiUnreachableError(base, cause);
    }
    const text = await response.text();
    if (response.ok) return text;
    const parsed = safeJson(text);
    const envelope = isErrorEnvelope(parsed) ? parsed.error : undefined;
    throw new ApiError(response.status, envelope?.code ?? 'XOPS_ERR_HTTP', envelope?.message ?? `HTTP ${response.status} from GET ${path}`, envelope?.details);
  }

  const segment = encodeURIComponent;
  return {
    listObjects: (plural: string) => request(z.array(storedObjectSchema), 'GET', `/api/v1/${segment(plural)}`),
    getObject: (plural: string, name: string) =>
      request(storedObjectSchema, 'GET', `/api/v1/${segment(plural)}/${segment(name)}`),
    /** Creates or replaces the object of this name with `document` (`PUT`, editor): the object as stored. */
    replaceObject: (plural: string, name: string, document: Readonly<Record<string, unknown>>) =>
      request(storedObjectSchema, 'PUT', `/api/v1/${segment(plural)}/${segment(name)}`, document),
    deleteObject: (plural: string, name: string) =>
      request(z.unknown(), 'DELETE', `/api/v1/${segment(plural)}/${segment(name)}`),
    apply: (body: ApplyRequest) => request(applyResultSchema, 'POST', '/api/v1/apply', body),
    deleteBundle: (body: DeleteRequest) => request(applyResultSchema, 'POST', '/api/v1/delete', body),
    createToken: (body: TokenCreateRequest) => request(tokenCreatedSchema, 'POST', '/api/v1/tokens', body),
    listTokens: () => request(z.array(tokenInfoSchema), 'GET', '/api/v1/tokens'),
    listAudit: (limit = 100) => request(z.array(auditEntrySchema), 'GET', `/api/v1/audit?limit=${limit}`),
    whoami: () => request(z.object({ name: z.string(), role: roleSchema }), 'GET', '/api/v1/whoami'),
    /** Sends SLI events as NDJSON text, one event per line. */
    ingestEvents: (sli: string, ndjson: string, mode: IngestMode = 'replace') =>
      send(ingestResultSchema, 'POST', `/api/v1/slis/${segment(sli)}/events?mode=${mode}`, { contentType: NDJSON_CONTENT_TYPE, text: ndjson }),
    /** Where an SLO stands at the server's latest evaluation. */
    getSloStatus: (slo: string) => request(sloStatusSchema, 'GET', `/api/v1/slos/${segment(slo)}/status`),
    /** Every SLO's status at once, and why the others have none: what `getSloStatus` answers for each. */
    listSloStatuses: () => request(sloStatusListSchema, 'GET', '/api/v1/slo-statuses'),
    /** Every SLO as the dashboard's overview lists it: name, Service, labels and each objective in brief. */
    listSloSummaries: () => request(sloSummaryListSchema, 'GET', '/api/v1/slo-summaries'),
    /** SLI, budget and burn rates over time; instants as RFC 3339, epoch ms or `now-30d`, step as `5m`. */
    getSloSeries: (slo: string, range: { from?: string; to?: string; step?: string } = {}) =>
      request(sloSeriesSchema, 'GET', `/api/v1/slos/${segment(slo)}/series${query(range)}`),
    replay: (body: ReplayRequest) => request(replayResultSchema, 'POST', '/api/v1/replay', body),
    /** Prometheus recording and alerting rules for the PromQL-backed SLOs (all, or one). */
    getPrometheusRules: (filter: { slo?: string } = {}) => request(prometheusRulesSchema, 'GET', `/api/v1/prometheus-rules${query(filter)}`),
    /** Fills an SLO's past buckets from its PromQL data sources over `[from, to)`. */
    backfill: (slo: string, body: BackfillRequest) => request(backfillResultSchema, 'POST', `/api/v1/slos/${segment(slo)}/backfill`, body),
    /** Scrape targets with their health, and why a selector counts nothing. */
    listTargets: () => request(targetsBodySchema, 'GET', '/api/v1/targets'),
    /** Golden signals of a service over time; instants as RFC 3339, epoch ms or `now-1h`, step as `1m`. */
    getServiceSignals: (service: string, range: { from?: string; to?: string; step?: string } = {}) =>
      request(serviceSignalsSchema, 'GET', `/api/v1/services/${segment(service)}/signals${query(range)}`),
    /** Injects a fault into a service of `xops demo`'s fleet; answers every fault in effect. */
    injectDemoFault: (body: DemoFaultRequest) => request(z.array(demoFaultSchema), 'POST', '/api/v1/demo/faults', body),
    listAlerts: (filter: { slo?: string; status?: string } = {}) => request(z.array(alertStateSchema), 'GET', `/api/v1/alerts${query(filter)}`),
    listAlertTransitions: (filter: { slo?: string; from?: string; to?: string; limit?: number } = {}) =>
      request(z.array(alertTransitionSchema), 'GET', `/api/v1/alerts/transitions${query(filter)}`),
    /** Alerts the sources sent (Alertmanager, PagerDuty, generic, SLO engine), newest first, with what routing did with each. */
    listIncomingAlerts: (filter: { status?: 'firing' | 'resolved'; source?: string; limit?: number } = {}) =>
      request(z.array(incomingAlertSchema), 'GET', `/api/v1/alerts/incoming${query(filter)}`),
    createSilence: (body: SilenceCreateRequest) => request(silenceSchema, 'POST', '/api/v1/silences', body),
    /** Silences, newest first; `state` active lists those muting alerts now. */
    listSilences: (filter: { state?: 'pending' | 'active' | 'expired' } = {}) => request(z.array(silenceSchema), 'GET', `/api/v1/silences${query(filter)}`),
    expireSilence: (id: string) => request(silenceSchema, 'DELETE', `/api/v1/silences/${segment(id)}`),
    /** Who is on call over `[from, to)` (default: the next 7 days), with the gaps and the coverage. */
    getFinalSchedule: (schedule: string, range: { from?: string; to?: string } = {}) =>
      request(finalScheduleSchema, 'GET', `/api/v1/schedules/${segment(schedule)}/final${query(range)}`),
    /** The schedule as an iCalendar feed (text/calendar), of everyone or of one `user`. */
    getScheduleIcs: (schedule: string, filter: { user?: string; from?: string; to?: string } = {}) =>
      requestText(`/api/v1/schedules/${segment(schedule)}.ics${query(filter)}`),
    /** Who is on call at `at` (default now) for every schedule, or for one. */
    whoIsOnCall: (filter: { at?: string; schedule?: string } = {}) => request(onCallSchema, 'GET', `/api/v1/oncall${query(filter)}`),
    /** Simulates an alert: the routes that take it, its group, whether it is suppressed, and who is paged when. */
    testRoute: (body: RouteTestRequest) => request(routeTestResultSchema, 'POST', '/api/v1/routes/test', body),
    /** What the public status page shows (no token needed): components, their state, and published incident updates. */
    getPublicStatus: () => request(publicStatusSchema, 'GET', '/api/v1/status'),
    /** The notification outbox, newest first: `status` `failed` lists what xops gave up delivering. */
    listNotifications: (filter: { status?: NotificationStatus; incident?: string; limit?: number } = {}) =>
      request(z.array(notificationSchema), 'GET', `/api/v1/notifications${query(filter)}`),
    /** Incidents, newest first: all, `open` (not resolved), or one state. */
    listIncidents: (filter: { state?: string; limit?: number } = {}) => request(z.array(incidentViewSchema), 'GET', `/api/v1/incidents${query(filter)}`),
    /** One incident by id or number, with its timeline, escalation and postmortem state. */
    getIncident: (ref: string) => request(incidentDetailsSchema, 'GET', `/api/v1/incidents/${segment(ref)}`),
    declareIncident: (body: IncidentDeclareRequest) => request(incidentDetailsSchema, 'POST', '/api/v1/incidents', body),
    /** Acknowledge, mitigate or resolve: the incident as it is afterwards. */
    changeIncidentState: (ref: string, action: 'acknowledge' | 'mitigate' | 'resolve') =>
      request(incidentViewSchema, 'POST', `/api/v1/incidents/${segment(ref)}/${action}`),
    addIncidentNote: (ref: string, text: string) => request(incidentViewSchema, 'POST', `/api/v1/incidents/${segment(ref)}/notes`, { text }),
    assignIncidentRole: (ref: string, role: IncidentRole, person: string | null) =>
      request(incidentViewSchema, 'POST', `/api/v1/incidents/${segment(ref)}/roles`, { role, person }),
    setIncidentSeverity: (ref: string, severity: IncidentSeverity) =>
      request(incidentViewSchema, 'POST', `/api/v1/incidents/${segment(ref)}/severity`, { severity }),
    postIncidentUpdate: (ref: string, body: IncidentUpdateRequest) => request(incidentViewSchema, 'POST', `/api/v1/incidents/${segment(ref)}/updates`, body),
    /** MTTA and MTTR per service and team over incidents opened in `[from, to)`, and the overdue action items. */
    getIncidentReport: (range: { from?: string; to?: string } = {}) => request(incidentReportSchema, 'GET', `/api/v1/reports/incidents${query(range)}`),
    getPostmortem: (ref: string) => request(postmortemSchema, 'GET', `/api/v1/incidents/${segment(ref)}/postmortem`),
    updatePostmortem: (ref: string, body: PostmortemUpdateRequest) => request(postmortemSchema, 'PUT', `/api/v1/incidents/${segment(ref)}/postmortem`, body),
    /** The postmortem as Markdown. */
    exportPostmortem: (ref: string) => requestText(`/api/v1/incidents/${segment(ref)}/postmortem.md`),
    addActionItem: (ref: string, body: ActionItemCreateRequest) => request(actionItemSchema, 'POST', `/api/v1/incidents/${segment(ref)}/action-items`, body),
    listActionItems: (ref: string) => request(z.array(actionItemSchema), 'GET', `/api/v1/incidents/${segment(ref)}/action-items`),
    updateActionItem: (ref: string, id: string, body: ActionItemUpdateRequest) =>
      request(actionItemSchema, 'PATCH', `/api/v1/incidents/${segment(ref)}/action-items/${segment(id)}`, body),
    deleteActionItem: (ref: string, id: string) => request(z.unknown(), 'DELETE', `/api/v1/incidents/${segment(ref)}/action-items/${segment(id)}`),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** `?a=1&b=2` of the fields that are set, or nothing. */
function query(fields: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  return typeof value === 'object' && value !== null && 'error' in value
    && typeof value.error === 'object' && value.error !== null && 'code' in value.error;
}
