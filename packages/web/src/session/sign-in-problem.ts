import { ApiError } from '@xops/contracts';
import { problemText } from '../common/problem-text';

/** Why a token could not sign in, in words for the sign-in form. */
export function signInProblem(error: unknown): string {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return 'This token is not valid here: check that it is whole and has not been deleted.';
  }
  return problemText(error);
}
