import { applyOutcomeSchema, storedObjectSchema, type KindInfo } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import { errorResponses } from '../http/error-envelope';
import { XopsError } from '../http/xops-error';
import type { ZodApp } from '../http/zod-app';
import { configDocumentBody } from './config-document-body';
import { labelQuerySchema, matchesLabels, parseLabelSelector } from './label-selector';
import { writeOneObject } from './write-one-object';

/** An object name in a URL; the longest a DNS name, and so an OpenSLO name, can be. */
const objectNameParamsSchema = z.object({ name: z.string().min(1).max(253) });

const listQuerySchema = z.object({
  label: z.union([labelQuerySchema, z.array(labelQuerySchema)]).optional()
    .describe('key=value; repeat to require several labels'),
});

/**
 * The five routes of one kind under `/api/v1/{plural}`: list (with `?label=k=v`), get, create
 * (409 when it exists), create-or-replace by name, delete (404 when missing). Reads need
 * `viewer`, writes `editor`.
 */
export function registerKindRoutes(app: ZodApp, { store, info }: { store: XopsStore; info: KindInfo }): void {
  const base = `/api/v1/${info.plural}`;
  const tags = [info.kind];

  app.get(base, {
    config: { access: 'viewer' },
    schema: {
      operationId: `list${info.kind}`, tags, summary: `List ${info.kind} objects, ordered by name.`,
      querystring: listQuerySchema,
      response: { 200: z.array(storedObjectSchema), ...errorResponses(401) },
    },
  }, async (request) => {
    const { label } = request.query;
    const selectors = (label === undefined ? [] : [label].flat()).map(parseLabelSelector);
    const objects = await store.listObjects(info.kind);
    return objects.filter((object) => matchesLabels(object, selectors));
  });

  app.get(`${base}/:name`, {
    config: { access: 'viewer' },
    schema: {
      operationId: `get${info.kind}`, tags, summary: `Get one ${info.kind} with its source text and revision.`,
      params: objectNameParamsSchema,
      response: { 200: storedObjectSchema, ...errorResponses(401, 404) },
    },
  }, async (request) => {
    const stored = await store.getObject(info.kind, request.params.name);
    if (!stored) throw notFound(info, request.params.name);
    return stored;
  });

  app.post(base, {
    config: { access: 'editor' },
    schema: {
      operationId: `create${info.kind}`, tags, summary: `Create a ${info.kind}; 409 when one of that name exists.`,
      body: configDocumentBody(info),
      response: { 201: storedObjectSchema, ...errorResponses(401, 403, 409, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const { stored } = await writeOneObject({
      store, info, document: request.body, actor: principalOf(request).name, mode: { type: 'create' },
    });
    return reply.status(201).send(stored);
  });

  app.put(`${base}/:name`, {
    config: { access: 'editor' },
    schema: {
      operationId: `replace${info.kind}`, tags,
      summary: `Create or replace the ${info.kind} of this name (201 when created, 200 when replaced or unchanged).`,
      params: objectNameParamsSchema,
      body: configDocumentBody(info),
      response: { 200: storedObjectSchema, 201: storedObjectSchema, ...errorResponses(401, 403, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const { outcome, stored } = await writeOneObject({
      store, info, document: request.body, actor: principalOf(request).name, mode: { type: 'replace', name: request.params.name },
    });
    return reply.status(outcome.action === 'created' ? 201 : 200).send(stored);
  });

  app.delete(`${base}/:name`, {
    config: { access: 'editor' },
    schema: {
      operationId: `delete${info.kind}`, tags, summary: `Delete the ${info.kind} of this name.`,
      params: objectNameParamsSchema,
      response: { 200: applyOutcomeSchema, ...errorResponses(401, 403, 404) },
    },
  }, async (request) => {
    const [outcome] = await store.deleteObjects([{ kind: info.kind, name: request.params.name }], principalOf(request).name);
    if (outcome?.action !== 'deleted') throw notFound(info, request.params.name);
    return outcome;
  });
}

function notFound(info: KindInfo, name: string): XopsError {
  return new XopsError('XOPS_ERR_NOT_FOUND', `${info.kind} "${name}" does not exist.`, { kind: info.kind, name });
}
