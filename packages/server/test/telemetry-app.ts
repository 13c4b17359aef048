import { openTestStore, type XopsStore } from '@xops/store';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../src/app';
import { bootstrapAdminToken } from '../src/auth/bootstrap-admin-token';
import { generateTokenSecret, hashTokenSecret } from '../src/auth/token-secret';
import type { ZodApp } from '../src/http/zod-app';
import type { SampleBatch } from '../src/telemetry/sample';
import type { TelemetrySink } from '../src/telemetry/sample-sink';

/** A sink that keeps every batch it is given, in order: a fake of the real one, not a mock. */
export class RecordingSink implements TelemetrySink {
  readonly batches: SampleBatch[] = [];

  async accept(batch: SampleBatch): Promise<{ samples: number; matched: number }> {
    this.batches.push(batch);
    return { samples: batch.samples.length, matched: 0 };
  }

  start(): void {}
  async flush(): Promise<number> { return 0; }
  async refresh(): Promise<void> {}
  problems(): readonly string[] { return []; }
  async close(): Promise<void> {}

  /** Every sample received so far with the kind of its batch, as plain objects, sorted by name then labels. */
  received(): { kind: string; name: string; labels: Record<string, string>; timestampMs: number; value: number }[] {
    return this.batches
      .flatMap((batch) => batch.samples.map((s) => ({ kind: batch.kind, name: s.name, labels: { ...s.labels }, timestampMs: s.timestampMs, value: s.value })))
      .sort((a, b) => `${a.name}${JSON.stringify(a.labels)}`.localeCompare(`${b.name}${JSON.stringify(b.labels)}`));
  }

  clear(): void { this.batches.length = 0; }
}

export interface TelemetryTestApp {
  readonly app: ZodApp;
  readonly sink: RecordingSink;
  readonly store: XopsStore;
  /** An ingest token with scope `ingest:metrics`, what senders use (ADR 0010). */
  readonly token: string;
  /** A `viewer` token, below what ingest needs. */
  readonly viewerToken: string;
  call(options: InjectOptions & { auth?: boolean }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** An app on an SQLite test store with a `RecordingSink` as its telemetry sink (or none). */
export async function openTelemetryApp({ withSink = true } = {}): Promise<TelemetryTestApp> {
  const { store, cleanup } = await openTestStore('sqlite');
  await bootstrapAdminToken(store);
  const token = generateTokenSecret();
  const viewerToken = generateTokenSecret();
  await store.insertToken({ name: 'pusher', scopes: ['ingest:metrics'], hash: hashTokenSecret(token), createdBy: 'test' });
  await store.insertToken({ name: 'reader', role: 'viewer', hash: hashTokenSecret(viewerToken), createdBy: 'test' });
  const sink = new RecordingSink();
  const app = await createApp({ store, version: '0.0.0-test', ...(withSink ? { telemetry: { sink } } : {}) });
  return {
    app, sink, store, token, viewerToken,
    call: ({ auth = true, headers, ...rest }) => app.inject({ ...rest, headers: { ...headers, ...(auth ? { authorization: `Bearer ${token}` } : {}) } }),
    close: async () => { await app.close(); await cleanup(); },
  };
}
