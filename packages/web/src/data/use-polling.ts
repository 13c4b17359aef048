import { useCallback, useEffect, useState } from 'react';

export interface Polled<T> {
  /** The last answer; kept while the next one loads and when it fails, so the page never blanks. */
  readonly data: T | undefined;
  /** The last failure, cleared by the next success. */
  readonly error: unknown;
  /** When `data` was loaded, epoch ms. */
  readonly loadedAt: number | undefined;
  /** Loads again now. */
  readonly refresh: () => void;
}

/**
 * Calls `load` now and then every `intervalMs` after each answer (null: once). Pass a stable
 * `load` (`useCallback`): a new one starts over, keeping the data shown until its first answer.
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number | null): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, 'refresh'>>({ data: undefined, error: undefined, loadedAt: undefined });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await load();
        if (!cancelled) setState({ data, error: undefined, loadedAt: Date.now() });
      } catch (error) {
        if (!cancelled) setState((previous) => ({ ...previous, error }));
      }
      if (!cancelled && intervalMs !== null) timer = setTimeout(() => { void run(); }, intervalMs);
    };
    void run();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [load, intervalMs, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, refresh };
}
