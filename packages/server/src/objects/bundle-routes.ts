import { applyRequestSchema, applyResultSchema, deleteRequestSchema, findKind } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { principalOf } from '../auth/authenticate';
import { BUNDLE_BODY_LIMIT } from '../http/body-limits';
import { errorResponses } from '../http/error-envelope';
import type { ZodApp } from '../http/zod-app';
import { checkBundle, type DocumentProblem } from './check-bundle';
import { configInvalidError } from './config-invalid-error';

/**
 * `POST /api/v1/apply` and `POST /api/v1/delete` (editor): what `xops apply -f` and
 * `xops delete -f` send. A bundle is all or nothing: every document is checked first, and the
 * store writes the whole bundle in one transaction or, with `dryRun`, reports what it would do.
 */
export function registerBundleRoutes(app: ZodApp, { store }: { store: XopsStore }): void {
  app.post('/api/v1/apply', {
    config: { access: 'editor' },
    bodyLimit: BUNDLE_BODY_LIMIT,
    schema: {
      operationId: 'apply',
      tags: ['bundles'],
      summary: 'Create or replace every document of a bundle in one transaction (idempotent; dryRun writes nothing).',
      body: applyRequestSchema,
      response: { 200: applyResultSchema, ...errorResponses(401, 403, 413, 415, 422) },
    },
  }, async (request) => {
    const checked = await checkBundle(store, request.body.documents);
    if (!checked.ok) throw configInvalidError(checked.problems);
    const dryRun = request.body.dryRun ?? false;
    const results = await store.applyObjects(checked.writes, principalOf(request).name, { dryRun });
    return { dryRun, results };
  });

  app.post('/api/v1/delete', {
    config: { access: 'editor' },
    bodyLimit: BUNDLE_BODY_LIMIT,
    schema: {
      operationId: 'deleteBundle',
      tags: ['bundles'],
      summary: 'Delete the named objects in one transaction; a missing one is reported unchanged.',
      body: deleteRequestSchema,
      response: { 200: applyResultSchema, ...errorResponses(401, 403, 413, 415, 422) },
    },
  }, async (request) => {
    const problems: DocumentProblem[] = [];
    const refs = request.body.objects.map(({ kind, name }, index) => {
      // Accept what the CLI accepts (`slo`, `slos`, `SLO`) and store the canonical kind.
      const info = findKind(kind);
      if (!info) problems.push({ index, path: ['kind'], message: `Unknown kind "${kind.slice(0, 100)}".` });
      return { kind: info?.kind ?? kind, name };
    });
    if (problems.length > 0) throw configInvalidError(problems);
    const dryRun = request.body.dryRun ?? false;
    const results = await store.deleteObjects(refs, principalOf(request).name, { dryRun });
    return { dryRun, results };
  });
}
