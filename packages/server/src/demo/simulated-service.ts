import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets of the demo services' histograms, seconds; the demo SLOs pick 0.25 and 0.5. */
export const DEMO_LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What the fleet records on a service as it serves traffic, whichever way its metrics leave it. */
export interface DemoServiceMetrics {
  /** Records one answered request. */
  answer(code: '200' | '500', seconds: number): void;
  setCpu(utilization: number): void;
  close(): Promise<void>;
}

/**
 * One simulated service: its own prom-client registry with `http_requests_total{service,code}`,
 * `http_request_duration_seconds{service}` and `process_cpu_utilization{service}`, served as a
 * real Prometheus `/metrics` endpoint on loopback.
 */
export class SimulatedService implements DemoServiceMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'service' | 'code'>;
  readonly #duration: Histogram<'service'>;
  readonly #cpu: Gauge<'service'>;
  #server: Server | undefined;
  #url: string | undefined;

  constructor(readonly name: string) {
    const registers = [this.registry];
    this.#requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by status code.', labelNames: ['service', 'code'], registers });
    this.#duration = new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer an HTTP request.', labelNames: ['service'], buckets: DEMO_LATENCY_BUCKETS, registers });
    this.#cpu = new Gauge({ name: 'process_cpu_utilization', help: 'CPU in use, 0 to 1.', labelNames: ['service'], registers });
    // Every series exists from the start, at zero: a first scrape then sets baselines for all.
    for (const code of ['200', '500']) this.#requests.inc({ service: name, code }, 0);
    this.#duration.zero({ service: name });
    this.#cpu.set({ service: name }, 0);
  }

  /** Records one answered request. */
  answer(code: '200' | '500', seconds: number): void {
    this.#requests.inc({ service: this.name, code });
    this.#duration.observe({ service: this.name }, seconds);
  }

  setCpu(utilization: number): void {
    this.#cpu.set({ service: this.name }, Math.min(1, Math.max(0, utilization)));
  }

  /** The `/metrics` URL once listening. */
  get url(): string {
    if (this.#url === undefined) throw new Error(`${this.name} is not listening`);
    return this.#url;
  }

  /** Serves `/metrics` on `127.0.0.1:port` (0: any free port). */
  async listen(port: number): Promise<string> {
    const server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': this.registry.contentType }).end(text);
      }, (error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    const address = server.address();
    const bound = typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : port;
    this.#url = `http://127.0.0.1:${bound}/metrics`;
    return this.#url;
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
