import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorEnvelope } from './error-envelope';
import { errorStatus } from './error-status';
import { toXopsError } from './to-xops-error';
import { XopsError } from './xops-error';

/**
 * Makes every failure answer with the error envelope: coded errors with their status, unknown
 * routes with 404 `XOPS_ERR_ROUTE_NOT_FOUND`, and anything unexpected with 500
 * `XOPS_ERR_INTERNAL`, logged with its stack, which never reaches the client.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toXopsError(error);
    if (!known) {
      request.log.error({ err: error }, 'unexpected error');
      return reply.status(500).send(errorEnvelope('XOPS_ERR_INTERNAL', 'An unexpected error; it has been logged.'));
    }
    const status = errorStatus(known.code);
    if (status >= 500) request.log.warn({ err: error }, known.message);
    else request.log.info({ code: known.code }, known.message);
    const details = known.code === 'XOPS_ERR_BODY_TOO_LARGE' && known.details === undefined
      ? { limitBytes: request.routeOptions.bodyLimit }
      : known.details;
    return reply.status(status).send(errorEnvelope(known.code, known.message, details));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split('?')[0] ?? '').slice(0, 200);
    return reply.status(404).send(errorEnvelope('XOPS_ERR_ROUTE_NOT_FOUND', `No endpoint ${request.method} ${path}.`));
  });
}

/**
 * Fastify's `frameworkErrors` option: the errors its router raises before any route or error
 * handler runs (a URL that cannot be percent-decoded, a path segment over `maxParamLength`).
 * Without it they would get fastify's own body instead of the error envelope.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = toXopsError(error) ?? new XopsError('XOPS_ERR_VALIDATION', error.message);
  request.log.info({ code: known.code }, known.message);
  void reply.status(errorStatus(known.code)).send(errorEnvelope(known.code, known.message));
}
