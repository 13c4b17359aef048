// The alerts of the `alerts` benchmark, as Prometheus would send them, and the two bodies that
// carry a batch of them: Alertmanager's `/api/v2/alerts` (postableAlerts) and Alertmanager's
// webhook (payload version 4) that xops takes at `/api/v1/integrations/alertmanager`.
import { alertFingerprint } from '@xops/core';

/** Alerts per request on both sides: Prometheus 2.x's notifier sends at most 64 (notifier.go `maxBatchSize`). */
export const BATCH_SIZE = 64;
/** Alerts per group: a rule firing for 8 instances of one service; 8 new groups a batch. */
export const ALERTS_PER_GROUP = 8;
/** The labels both sides group by (xops' Route `groupBy`, Alertmanager's `group_by`). */
export const GROUP_BY = ['alertname', 'cluster', 'namespace', 'service'] as const;

interface RuleSpec {
  readonly alertname: string;
  readonly severity: 'critical' | 'warning';
  readonly summary: (service: string, instance: string) => string;
  readonly expr: string;
}

const RULES: readonly RuleSpec[] = [
  { alertname: 'HighErrorRate', severity: 'critical', summary: (s, i) => `${s}: 5xx ratio above 5% on ${i}`, expr: 'sum by (instance) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (instance) (rate(http_requests_total[5m])) > 0.05' },
  { alertname: 'HighLatencyP99', severity: 'warning', summary: (s, i) => `${s}: p99 latency above 1s on ${i}`, expr: 'histogram_quantile(0.99, sum by (le, instance) (rate(http_request_duration_seconds_bucket[5m]))) > 1' },
  { alertname: 'KubePodCrashLooping', severity: 'warning', summary: (s, i) => `${s}: pod on ${i} is crash looping`, expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1' },
  { alertname: 'InstanceDown', severity: 'critical', summary: (s, i) => `${s}: ${i} has been down for 5 minutes`, expr: 'up == 0' },
  { alertname: 'NodeFilesystemAlmostFull', severity: 'warning', summary: (s, i) => `${s}: filesystem on ${i} has less than 10% left`, expr: 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1' },
  { alertname: 'ContainerMemoryNearLimit', severity: 'warning', summary: (s, i) => `${s}: container on ${i} uses 90% of its memory limit`, expr: 'container_memory_working_set_bytes / container_spec_memory_limit_bytes > 0.9' },
  { alertname: 'KafkaConsumerLag', severity: 'critical', summary: (s, i) => `${s}: consumer lag above 10k on ${i}`, expr: 'sum by (instance) (kafka_consumergroup_lag) > 10000' },
  { alertname: 'CertificateExpiringSoon', severity: 'warning', summary: (s, i) => `${s}: TLS certificate of ${i} expires within 14 days`, expr: 'probe_ssl_earliest_cert_expiry - time() < 14 * 86400' },
];

export interface BenchAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

/**
 * Alert `n` of the run: group ⌊n / 8⌋ is one rule on one service of one namespace and cluster
 * (every group new), alert n % 8 one instance of it. Labels as a kube-prometheus rule gives them.
 */
export function benchAlert(n: number): BenchAlert {
  const group = Math.floor(n / ALERTS_PER_GROUP);
  const member = n % ALERTS_PER_GROUP;
  const rule = RULES[group % RULES.length]!;
  const serviceIndex = Math.floor(group / RULES.length);
  const service = `svc-${serviceIndex.toString().padStart(4, '0')}`;
  const pod = `${service}-7d9f8b6c4-${((serviceIndex * 131 + member) * 2_654_435_761 >>> 0).toString(36).slice(0, 5)}`;
  const instance = `10.${serviceIndex % 250}.${member}.${(serviceIndex >> 3) % 250}:8080`;
  const labels: Record<string, string> = {
    alertname: rule.alertname,
    severity: rule.severity,
    cluster: `eu-west-${serviceIndex % 3}`,
    namespace: `team-${serviceIndex % 17}`,
    service,
    job: service,
    instance,
    pod,
    prometheus: 'monitoring/k8s',
  };
  return {
    labels,
    annotations: {
      summary: rule.summary(service, instance),
      description: `${rule.expr} has held for 5 minutes for ${service} (${instance}).`,
      runbook_url: `https://runbooks.example.internal/alerts/${rule.alertname.toLowerCase()}`,
    },
    generatorURL: `http://prometheus-k8s-0.monitoring.svc:9090/graph?g0.expr=${encodeURIComponent(rule.expr)}&g0.tab=1`,
    fingerprint: alertFingerprint(labels),
  };
}

/** The alerts of batch `b`: alerts 64·b … 64·b + 63, eight whole groups. */
export function batchAlerts(b: number): BenchAlert[] {
  return Array.from({ length: BATCH_SIZE }, (_, i) => benchAlert(b * BATCH_SIZE + i));
}

/**
 * Alertmanager's `POST /api/v2/alerts` body (postableAlerts) as Prometheus sends it: `startsAt`
 * when the alert became active, `endsAt` 4 × the resend delay (1 min) after the send (rules/alerting.go `sendAlerts`).
 */
export function postableAlertsBody(alerts: readonly BenchAlert[], sentAt: number): string {
  const startsAt = new Date(sentAt - 5 * 60_000).toISOString();
  const endsAt = new Date(sentAt + 4 * 60_000).toISOString();
  return JSON.stringify(alerts.map((alert) => ({ labels: alert.labels, annotations: alert.annotations, startsAt, endsAt, generatorURL: alert.generatorURL })));
}

/**
 * The same alerts as an Alertmanager webhook (payload version 4, notify/webhook/webhook.go
 * `Message`), firing, `endsAt` zero, with their fingerprints, as Alertmanager forwards them.
 */
export function webhookBody(alerts: readonly BenchAlert[], sentAt: number): string {
  const startsAt = new Date(sentAt - 5 * 60_000).toISOString();
  return JSON.stringify({
    version: '4',
    groupKey: '{}:{}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'xops',
    groupLabels: {},
    commonLabels: { prometheus: 'monitoring/k8s' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager-main-0.monitoring.svc:9093',
    alerts: alerts.map((alert) => ({
      status: 'firing', labels: alert.labels, annotations: alert.annotations, startsAt, endsAt: '0001-01-01T00:00:00Z',
      generatorURL: alert.generatorURL, fingerprint: alert.fingerprint,
    })),
  });
}
