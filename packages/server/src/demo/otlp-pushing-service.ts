import { ExportResultCode, millisToHrTime, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  DataPointType, MeterProvider, PeriodicExportingMetricReader, type DataPoint, type MetricData, type PushMetricExporter, type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { DEMO_LATENCY_BUCKETS, type DemoServiceMetrics } from './simulated-service';

type HrTime = ReturnType<typeof millisToHrTime>;

/** Where an OTLP service of the demo fleet pushes its metrics. */
export interface OtlpTarget {
  /** The OTLP/HTTP metrics endpoint, e.g. `http://127.0.0.1:7070/v1/metrics`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Told when a push fails, once until a push succeeds again. */
  readonly onError?: (service: string, error: Error) => void;
}

/** A demo service instrumented with the OpenTelemetry JS SDK, pushing OTLP/HTTP (protobuf) instead of serving `/metrics`. */
export interface OtlpPushingService extends DemoServiceMetrics {
  readonly name: string;
  /** Where to push from now on; until it is set, `push` sends nothing and the SDK keeps counting. */
  pushTo(target: OtlpTarget): void;
  /**
   * Exports every series' cumulative value now, each data point stamped `at` (epoch ms: the
   * fleet's simulated time, not the SDK's clock). Resolves once xops answered; true when it took
   * the export, false without a target or when the push failed.
   */
  push(at: number): Promise<boolean>;
}

// The SDK's reader exports on its own timer; the fleet pushes on its simulated clock instead
// (`push`), so the timer is set as long as Node allows (2^31 − 1 ms) and finds nothing to send.
const READER_INTERVAL_MS = 2_147_483_647;
const EXPORT_TIMEOUT_MS = 10_000;

/**
 * One demo service whose metrics go out over OTLP: the same series as a `SimulatedService`
 * exposes on `/metrics`, under OpenTelemetry instrument names that xops' OTLP translation
 * (ADR 0007) turns into the same Prometheus names — counter `http_requests` → `http_requests_total{code}`,
 * histogram `http_request_duration_seconds` → `…_bucket{le}`, `_count`, `_sum`, gauge
 * `process_cpu_utilization` — with `service` (and `job`) from the resource's `service.name`. So one
 * set of selectors in `examples/demo/` reads both paths.
 *
 * The SDK stamps points with the real time; the fleet runs on an injected clock, so the exporter
 * restamps every point with the fleet's simulated time (start: when the service was created) and
 * sends only when the fleet pushes. Live, the two clocks agree.
 */
export function createOtlpPushingService(name: string, startedAt: number): OtlpPushingService {
  let otlp: { exporter: OTLPMetricExporter; target: OtlpTarget } | undefined;
  let stampAt: number | undefined;
  // What the export `push` asked for got back, set in the exporter's callback; read once.
  const last: { result?: ExportResult } = {};
  const takeResult = (): ExportResult | undefined => {
    const { result } = last;
    last.result = undefined;
    return result;
  };
  let failing = false;
  let closed = false;

  const exporter: PushMetricExporter = {
    export(metrics, done) {
      // Only what `push` asked for goes out: the reader's own timer, or its flush at shutdown, sends nothing.
      if (otlp === undefined || stampAt === undefined || closed) {
        done({ code: ExportResultCode.SUCCESS });
        return;
      }
      otlp.exporter.export(stamp(metrics, millisToHrTime(Math.min(startedAt, stampAt)), millisToHrTime(stampAt)), (answer) => {
        last.result = answer;
        done(answer);
      });
    },
    forceFlush: () => otlp?.exporter.forceFlush() ?? Promise.resolve(),
    shutdown: async () => {
      closed = true;
      await otlp?.exporter.shutdown();
    },
  };
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': name }),
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: READER_INTERVAL_MS, exportTimeoutMillis: EXPORT_TIMEOUT_MS })],
  });
  const meter = provider.getMeter('xops-demo');
  const requests = meter.createCounter('http_requests', { description: 'HTTP requests answered, by status code.' });
  const duration = meter.createHistogram('http_request_duration_seconds', {
    description: 'Time to answer an HTTP request.', unit: 's', advice: { explicitBucketBoundaries: DEMO_LATENCY_BUCKETS },
  });
  const cpu = meter.createGauge('process_cpu_utilization', { description: 'CPU in use, 0 to 1.' });
  // The counters exist from the start, at zero, as on /metrics: the first push sets baselines for them.
  for (const code of ['200', '500']) requests.add(0, { code });
  cpu.record(0);

  return {
    name,
    answer(code, seconds) {
      requests.add(1, { code });
      duration.record(seconds);
    },
    setCpu(utilization) {
      cpu.record(Math.min(1, Math.max(0, utilization)));
    },
    pushTo(target) {
      // The exporter it replaces has nothing in flight worth waiting for: pushes are one at a time.
      void otlp?.exporter.shutdown().catch(() => undefined);
      otlp = {
        target,
        exporter: new OTLPMetricExporter({ url: target.url, headers: { authorization: `Bearer ${target.token}` }, timeoutMillis: EXPORT_TIMEOUT_MS }),
      };
    },
    async push(at) {
      const current = otlp;
      if (current === undefined || closed) return false;
      stampAt = at;
      takeResult();
      let thrown: unknown;
      try {
        await provider.forceFlush();
      } catch (error) {
        thrown = error;
      } finally {
        stampAt = undefined;
      }
      const result = takeResult();
      const ok = thrown === undefined && result?.code === ExportResultCode.SUCCESS;
      if (!ok && !failing && !closed) {
        const error = thrown ?? result?.error ?? 'the OTLP export did not complete';
        current.target.onError?.(name, error instanceof Error ? error : new Error(String(error)));
      }
      failing = !ok;
      return ok;
    },
    async close() {
      closed = true;
      await provider.shutdown();
    },
  };
}

/** The export with every data point's start and end time replaced. */
function stamp(metrics: ResourceMetrics, startTime: HrTime, endTime: HrTime): ResourceMetrics {
  const restamp = <T>(points: DataPoint<T>[]): DataPoint<T>[] => points.map((point) => ({ ...point, startTime, endTime }));
  const restampMetric = (metric: MetricData): MetricData => {
    switch (metric.dataPointType) {
      case DataPointType.SUM: return { ...metric, dataPoints: restamp(metric.dataPoints) };
      case DataPointType.GAUGE: return { ...metric, dataPoints: restamp(metric.dataPoints) };
      case DataPointType.HISTOGRAM: return { ...metric, dataPoints: restamp(metric.dataPoints) };
      case DataPointType.EXPONENTIAL_HISTOGRAM: return { ...metric, dataPoints: restamp(metric.dataPoints) };
    }
  };
  return { resource: metrics.resource, scopeMetrics: metrics.scopeMetrics.map(({ scope, metrics: list }) => ({ scope, metrics: list.map(restampMetric) })) };
}
