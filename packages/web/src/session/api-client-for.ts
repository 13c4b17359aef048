import { createApiClient, type ApiClient } from '@xops/contracts';
import { takeEarlyResponse } from '../early/early-requests';

/**
 * The typed API client of this origin with `token`; `onUnauthorized` runs when the server answers
 * 401 (the token was deleted or is wrong), so the dashboard goes back to the sign-in form.
 */
export function apiClientFor(token: string, onUnauthorized: () => void = () => undefined): ApiClient {
  return createApiClient({
    server: window.location.origin,
    token,
    fetch: async (input, init) => {
      // A GET started before the scripts had run (early-start.ts) is answered by that request.
      const early = typeof input === 'string' && (init?.method ?? 'GET') === 'GET' ? takeEarlyResponse(input, token) : undefined;
      const response = await (early ?? window.fetch(input, init));
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
}
