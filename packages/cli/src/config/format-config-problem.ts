import type { LocatedConfigProblem } from '@xops/contracts';

/**
 * One problem as the CLI prints it: `file:line:column  field.path  message`, two spaces apart.
 *
 * @example formatConfigProblem({ file: 'slo.yaml', line: 12, column: 15, path: ['spec', 'objectives', 0, 'target'], message: '…' })
 *   // → 'slo.yaml:12:15  spec.objectives[0].target  …'
 */
export function formatConfigProblem(problem: LocatedConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${formatFieldPath(problem.path)}  ${problem.message}`;
}

/**
 * A field path in the dotted form users write: `spec.objectives[0].target`; keys that are not
 * plain names are quoted (`metadata.annotations["example.com/owner"]`); `(document)` for the whole document.
 */
export function formatFieldPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(document)';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
