import { earlyAnswer, type EarlyAnswer } from '../data/early-answer';

/** The token check every page waits for. */
export const WHOAMI_PATH = '/api/v1/whoami';
/** What the overview asks for, exactly as `loadOverview` asks for it (early-requests.test.ts holds them together). */
export const OVERVIEW_PATHS: readonly string[] = ['/api/v1/slo-summaries', '/api/v1/services', '/api/v1/incidents?state=open', '/api/v1/oncall'];

/** The GETs worth starting before the scripts have run, for a page opened at `pathname`: the token check first. */
export function earlyPaths(pathname: string): readonly string[] {
  return pathname === '/' ? [WHOAMI_PATH, ...OVERVIEW_PATHS] : [WHOAMI_PATH];
}

const held = new Map<string, EarlyAnswer<Response>>();

/**
 * Starts a GET of each of `paths` with `token` now, as the API client would send it. Started
 * first thing (`early-start.ts`, before React and the rest of the entry chunk have run), the
 * token check and the overview's data no longer wait for the scripts, the check, and the
 * page's code one after the other (`npm run bench -- web`).
 */
export function startEarlyRequests(options: { readonly origin: string; readonly token: string; readonly paths: readonly string[]; readonly fetch: typeof fetch }): void {
  const { origin, token, paths } = options;
  for (const path of paths) {
    const slot = earlyAnswer<Response>();
    slot.start(token, () => options.fetch(`${origin}${path}`, { method: 'GET', headers: { accept: 'application/json', authorization: `Bearer ${token}` } }));
    held.set(`${origin}${path}`, slot);
  }
}

/** The response to a GET of `url` started early with `token`, once and while fresh (`earlyAnswer`); else undefined. */
export function takeEarlyResponse(url: string, token: string): Promise<Response> | undefined {
  const slot = held.get(url);
  held.delete(url);
  return slot?.take(token);
}
