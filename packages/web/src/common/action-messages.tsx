import type { Action } from '../data/use-action';

/** What an action did or why it failed, announced to screen readers. */
export function ActionMessages({ action }: { readonly action: Action }) {
  return (
    <>
      {action.problem !== null && <p className="problem" role="alert">{action.problem}</p>}
      <p className="action-done" role="status">{action.done}</p>
    </>
  );
}
