import { useCallback, useState } from 'react';
import { problemText } from '../common/problem-text';

export interface Action {
  /** True while a call runs: its button is disabled so that it is not sent twice. */
  readonly busy: boolean;
  /** Why the last call failed, for a `role="alert"` message; cleared by the next call. */
  readonly problem: string | null;
  /** What the last call did, for a `role="status"` message. */
  readonly done: string | null;
  /** Runs `call`; on success says `success`, on failure `failure: <the API's reason>`. True when it succeeded. */
  readonly run: (call: () => Promise<unknown>, messages: { readonly failure: string; readonly success?: string }) => Promise<boolean>;
}

/** The state of a button that calls the API: busy, what failed, what it did. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(async (call: () => Promise<unknown>, messages: { readonly failure: string; readonly success?: string }) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      await call();
      setDone(messages.success ?? null);
      return true;
    } catch (error) {
      setProblem(`${messages.failure}: ${problemText(error)}`);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, done, run };
}
