import { ApiError, ApiUnreachableError } from '@xops/contracts';

/** What went wrong with a call, in words for the page: the API's message, or why the server is unreachable. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  if (error instanceof ApiUnreachableError) return 'The xops server does not answer: is it running?';
  return error instanceof Error ? error.message : String(error);
}
