import { ERROR_CODES, KINDS, type Role } from '@xops/contracts';
import { testDatabaseEngines } from '@xops/store';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutSlo } from './fixtures';
import { openTestApp, type TestApp } from './test-app';

// Enough runs to reach the odd corners, few enough to keep this file well under 20 s per engine.
const RUNS = 200;

const endpoints: readonly { url: string; as: Role }[] = [
  { url: '/api/v1/apply', as: 'editor' },
  { url: '/api/v1/slos', as: 'editor' },
  { url: '/api/v1/tokens', as: 'admin' },
];

/** Bad input may be refused, but only with a 4xx in the error envelope, never a 5xx. */
function expectHandled(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = res.json();
    expect(Object.keys(ERROR_CODES)).toContain(body.error.code);
    expect(typeof body.error.message).toBe('string');
  }
}

/** A document whose every part may be replaced by anything at all. */
const mangledDocument = fc.record({
  apiVersion: fc.oneof(fc.constantFrom('openslo/v1', 'xops.dev/v1'), fc.anything()),
  kind: fc.oneof(fc.constantFrom(...KINDS.map((k) => k.kind)), fc.anything()),
  metadata: fc.oneof(
    fc.record({ name: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.anything()), labels: fc.anything() }, { requiredKeys: ['name'] }),
    fc.anything(),
  ),
  spec: fc.oneof(fc.constant(checkoutSlo.spec), fc.dictionary(fc.string(), fc.anything()), fc.anything()),
}, { requiredKeys: [] });

/** A document xops accepts (an xops.dev kind, whose spec may be any mapping) full of odd text and numbers. */
const oddButValidDocument = fc.record({
  apiVersion: fc.constant('xops.dev/v1'),
  kind: fc.constantFrom(...KINDS.filter((k) => k.apiVersion === 'xops.dev/v1').map((k) => k.kind)),
  metadata: fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) }),
  spec: fc.dictionary(fc.string({ unit: 'binary' }), fc.anything({ stringUnit: 'binary', maxDepth: 4 })),
});

describe.each(testDatabaseEngines())('fuzzing the write endpoints on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await openTestApp(engine); });
  afterAll(async () => { await t.close(); });

  const send = (endpoint: { url: string; as: Role }, payload: string, contentType = 'application/json') =>
    t.call({ method: 'POST', url: endpoint.url, as: endpoint.as, headers: { 'content-type': contentType }, payload });

  it('answers any JSON value with a 2xx or an enveloped 4xx', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...endpoints), fc.jsonValue(), async (endpoint, value) => {
      expectHandled(await send(endpoint, JSON.stringify(value)));
    }), { numRuns: RUNS });
  });

  it('answers any text sent as application/json', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...endpoints), fc.string({ unit: 'binary' }), async (endpoint, text) => {
      expectHandled(await send(endpoint, text));
    }), { numRuns: RUNS });
  });

  it('answers any content type', async () => {
    const contentType = fc.oneof(
      fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=latin1', 'application/jsonx', 'multipart/form-data', ''),
      fc.stringMatching(/^[\x21-\x7e]{1,40}$/),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...endpoints), contentType, fc.string(), async (endpoint, type, text) => {
      expectHandled(await send(endpoint, text, type));
    }), { numRuns: RUNS });
  });

  it('answers mangled documents, one by one and as bundles', async () => {
    await fc.assert(fc.asyncProperty(mangledDocument, fc.array(mangledDocument, { maxLength: 4 }), fc.boolean(), async (document, bundle, dryRun) => {
      expectHandled(await send(endpoints[1]!, JSON.stringify(document)));
      const documents = bundle.map((object) => ({ object }));
      expectHandled(await send(endpoints[0]!, JSON.stringify({ documents, dryRun })));
      expectHandled(await send(endpoints[2]!, JSON.stringify(document.metadata ?? document)));
    }), { numRuns: RUNS });
  });

  it('answers any object path, encoded or not', async () => {
    const segment = fc.oneof(fc.string({ unit: 'binary' }).map(encodeURIComponent), fc.stringMatching(/^(%[0-9A-Fa-f]{0,2}|[a-z.~-])*$/));
    const method = fc.constantFrom('GET', 'PUT', 'DELETE', 'POST', 'PATCH') as fc.Arbitrary<'GET'>;
    await fc.assert(fc.asyncProperty(method, fc.constantFrom('slos', 'slis', 'nope'), segment, async (verb, plural, name) => {
      expectHandled(await t.call({ method: verb, url: `/api/v1/${plural}/${name}`, as: 'editor' }));
    }), { numRuns: RUNS });
  });

  it('keeps every document it accepts exactly as sent', async () => {
    await fc.assert(fc.asyncProperty(oddButValidDocument, async (document) => {
      const text = JSON.stringify({ documents: [{ object: document }] });
      const res = await send(endpoints[0]!, text);
      expectHandled(res);
      if (res.statusCode !== 200) return;
      const plural = KINDS.find((k) => k.kind === document.kind)!.plural;
      const stored = await t.call({ method: 'GET', url: `/api/v1/${plural}/${document.metadata.name}`, as: 'viewer' });
      // What JSON can carry of the document: undefined dropped, -0 and NaN as JSON writes them.
      expect(stored.json().object).toEqual(JSON.parse(JSON.stringify(document)));
    }), { numRuns: RUNS });
  });
});
