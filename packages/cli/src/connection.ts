import { createApiClient, type ApiClient } from '@xops/contracts';
import type { CliIo } from './cli-io';

export const DEFAULT_SERVER = 'http://127.0.0.1:7070';

export interface ConnectionOptions {
  readonly server?: string;
  readonly token?: string;
}

/** The API client for the server and token given by flag, else by XOPS_SERVER / XOPS_TOKEN. */
export function connect(options: ConnectionOptions, io: CliIo): ApiClient {
  return createApiClient({
    server: options.server ?? io.env.XOPS_SERVER ?? DEFAULT_SERVER,
    token: options.token ?? io.env.XOPS_TOKEN,
  });
}
