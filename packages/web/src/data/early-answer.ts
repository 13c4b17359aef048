/** How long an answer asked for early stays good for its page: the overview refreshes every 10 s. */
const EARLY_ANSWER_MAX_AGE_MS = 10_000;

/** One page's first request, started before the page is there: `start` it, the page `take`s it once. */
export interface EarlyAnswer<T> {
  /** Starts `request` now for `token`; what it rejects with waits for the page, unreported till then. */
  start(token: string, request: () => Promise<T>): void;
  /** The answer started for `token` less than 10 s ago, once; undefined otherwise (ask again). */
  take(token: string): Promise<T> | undefined;
}

/**
 * A slot for a page's first answer, asked for while the scripts still load and the token is being
 * checked (`main.tsx`) rather than after: with 1,000 SLOs the overview's data is the longest
 * wait of its first load (`npm run bench -- web`). The token must be the one the session
 * signed in with, so a token the server refused never serves a page.
 */
export function earlyAnswer<T>(now: () => number = Date.now): EarlyAnswer<T> {
  let held: { readonly token: string; readonly at: number; readonly answer: Promise<T> } | undefined;
  return {
    start(token, request) {
      const answer = request();
      // Read when taken; one never taken must not show as an unhandled rejection.
      answer.catch(() => undefined);
      held = { token, at: now(), answer };
    },
    take(token) {
      const found = held !== undefined && held.token === token && now() - held.at < EARLY_ANSWER_MAX_AGE_MS ? held.answer : undefined;
      held = undefined;
      return found;
    },
  };
}
