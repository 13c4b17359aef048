/**
 * The little the store logs through, structured like pino (and so Fastify's logger):
 * `logger.info({ migration }, 'database migration applied')`.
 */
export interface StoreLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}
