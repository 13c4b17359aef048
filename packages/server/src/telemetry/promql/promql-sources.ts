import { dataSourceSpecSchema, isPromqlSourceType, parseScrapeDuration, promqlConnectionDetailsSchema, type StoredObject } from '@xops/contracts';

/** A Prometheus-compatible server xops queries, from a DataSource of type `Prometheus`. */
export interface PromqlSource {
  readonly dataSource: string;
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** Authorization and extra headers of every request. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/**
 * The PromQL sources among `objects`, by DataSource name, re-validated as they come out of the
 * store (one that no longer validates is left out: it was checked when applied).
 */
export function promqlSources(objects: readonly StoredObject[]): Map<string, PromqlSource> {
  const sources = new Map<string, PromqlSource>();
  for (const object of objects) {
    if (object.kind !== 'DataSource') continue;
    const spec = dataSourceSpecSchema.safeParse(object.object.spec);
    if (!spec.success || !isPromqlSourceType(spec.data.type)) continue;
    const details = promqlConnectionDetailsSchema.safeParse(spec.data.connectionDetails);
    if (!details.success) continue;
    const headers: Record<string, string> = {};
    for (const header of details.data.headers ?? []) headers[header.name] = header.value;
    if (details.data.bearerToken !== undefined) headers.authorization = `Bearer ${details.data.bearerToken}`;
    if (details.data.basicAuth !== undefined) {
      const { username, password } = details.data.basicAuth;
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    sources.set(object.name, {
      dataSource: object.name, url: details.data.url.replace(/\/+$/, ''), headers, timeoutMs: parseScrapeDuration(details.data.timeout ?? '10s') ?? 10_000,
    });
  }
  return sources;
}
