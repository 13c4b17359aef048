import { ApiError, ApiUnreachableError } from '@xops/contracts';

/** Exit codes of DESIGN.md §6: 0 success, 1 a failed check or operation, 2 bad usage or input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** The user asked for something malformed: a flag, a kind, a config file. Exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Turns any error a command throws into the message to print and the exit code. */
export function describeCliError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) return { message: error.message, exitCode: EXIT_USAGE };
  if (error instanceof ApiUnreachableError) {
    return { message: `${error.message}\n  Is the server running? Start one with \`xops up\`, or point --server / XOPS_SERVER at it.`, exitCode: EXIT_FAILED };
  }
  if (error instanceof ApiError) {
    const hint = hintFor(error);
    // 400 and 422 mean the input was wrong: that is bad usage, like a malformed file.
    const exitCode = error.status === 400 || error.status === 422 ? EXIT_USAGE : EXIT_FAILED;
    return { message: `${error.code}: ${error.message}${formatDetails(error.details)}${hint}`, exitCode };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: EXIT_FAILED };
}

function hintFor(error: ApiError): string {
  if (error.status === 401) return '\n  Pass a token with --token or XOPS_TOKEN (the admin token is printed once by the first `xops up`).';
  if (error.status === 403) return '\n  Your token\'s role or scopes do not allow this; ask an admin for a token that does (`xops token create --help`).';
  return '';
}

function formatDetails(details: unknown): string {
  if (typeof details !== 'object' || details === null || !('problems' in details) || !Array.isArray(details.problems)) return '';
  return details.problems.map((problem: unknown) => `\n  ${formatProblem(problem)}`).join('');
}

function formatProblem(problem: unknown): string {
  if (typeof problem !== 'object' || problem === null) return String(problem);
  const where = 'file' in problem && typeof problem.file === 'string'
    ? `${problem.file}:${'line' in problem ? String(problem.line) : '?'}  ` : '';
  const path = 'path' in problem && Array.isArray(problem.path) ? problem.path.join('.') : '';
  const message = 'message' in problem ? String(problem.message) : JSON.stringify(problem);
  return `${where}${path ? `${path}  ` : ''}${message}`;
}
