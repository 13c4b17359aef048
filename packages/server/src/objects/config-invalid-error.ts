import { XopsError } from '../http/xops-error';
import type { DocumentProblem } from './check-bundle';

/** The 422 answer for a bundle with problems: all of them in `details.problems`, the first few in the message. */
export function configInvalidError(problems: readonly DocumentProblem[]): XopsError {
  const shown = problems.slice(0, 3).map((problem) => {
    const where = problem.file === undefined ? `document ${problem.index}` : `${problem.file}:${problem.line ?? 1}`;
    const field = problem.path.length > 0 ? ` ${problem.path.join('.')}` : '';
    return `${where}${field}: ${problem.message}`;
  });
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new XopsError('XOPS_ERR_CONFIG_INVALID', `${count}: ${shown.join('; ')}${more}`, { problems });
}
