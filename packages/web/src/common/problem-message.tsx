import { problemText } from './problem-text';

/** An error from the API shown where the data would be, announced to screen readers. */
export function ProblemMessage({ error, what }: { readonly error: unknown; readonly what: string }) {
  return <p className="problem" role="alert">Cannot load {what}: {problemText(error)}</p>;
}
