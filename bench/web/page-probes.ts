// Functions that run inside the dashboard's page (Playwright serialises them), with the few
// browser APIs they use declared here: the root TypeScript project has no DOM types.

/**
 * Added to the page before any probe: tsx compiles with esbuild's `keepNames`, which wraps named
 * functions in a `__name(fn, "name")` helper of the module; serialised into the page, the probes
 * would call a helper that is not there.
 */
export const KEEP_NAMES_SHIM = { content: 'globalThis.__name ??= (fn) => fn;' } as const;

/** The fields of performance entries the probes read (Node's types describe Node's timeline). */
interface ResourceEntry { readonly name: string; readonly responseEnd: number }
interface MarkEntry { readonly name: string; readonly startTime: number; readonly detail?: { readonly points?: number } | null }

interface ProbeWindow {
  readonly sessionStorage: { setItem(key: string, value: string): void };
  readonly document: { querySelectorAll(selector: string): { readonly length: number } };
  fetch: typeof fetch;
  requestAnimationFrame(callback: () => void): number;
  xopsOverviewInteractive?: { readonly at: number; readonly requests: number };
}

/**
 * Before the dashboard's own scripts (`addInitScript`): signs in with `token` as the sign-in
 * form would (session storage), counts data requests in flight (from `fetch` until its body
 * has been read), and at each animation frame checks for the overview's time to interactive:
 * `rows` SLO rows in the table and no data request pending. The time is taken in a task queued
 * from that frame, so after the frame that laid out and painted the table.
 */
export function installOverviewProbe({ token, rows }: { token: string; rows: number }): void {
  const page = globalThis as unknown as ProbeWindow;
  page.sessionStorage.setItem('xops.token', token);
  let pending = 0;
  let requests = 0;
  const originalFetch = page.fetch.bind(globalThis);
  page.fetch = async (...args: Parameters<typeof fetch>) => {
    pending += 1;
    requests += 1;
    try {
      const response = await originalFetch(...args);
      const text = response.text.bind(response);
      Object.defineProperty(response, 'text', { value: () => text().finally(() => { pending -= 1; }) });
      return response;
    } catch (error) {
      pending -= 1;
      throw error;
    }
  };
  const check = () => {
    if (page.document.querySelectorAll('[data-testid="slo-row"]').length >= rows && pending === 0) {
      setTimeout(() => { page.xopsOverviewInteractive = { at: performance.now(), requests }; }, 0);
      return;
    }
    page.requestAnimationFrame(check);
  };
  page.requestAnimationFrame(check);
}

/** Signs in with `token` before the dashboard's scripts run, and nothing else. */
export function installToken(token: string): void {
  (globalThis as unknown as ProbeWindow).sessionStorage.setItem('xops.token', token);
}

/** What `installOverviewProbe` recorded, once it has. */
export function overviewInteractive(): { readonly at: number; readonly requests: number } | undefined {
  return (globalThis as unknown as ProbeWindow).xopsOverviewInteractive;
}

/**
 * When the SLO detail's series answer had arrived (resource timing's `responseEnd`, the last
 * byte), when the page had it parsed and checked (`slo-history-loaded`, slo/load-slo-history.ts),
 * and every chart's latest `chart-drawn:<title>` mark (charts/time-chart.tsx) with its points.
 */
export function chartTimings(seriesPath: string): {
  readonly arrived: number | null;
  readonly loaded: { readonly at: number; readonly points: number } | null;
  readonly charts: readonly { readonly chart: string; readonly at: number; readonly points: number }[];
} {
  const answers = (performance.getEntriesByType('resource') as unknown as ResourceEntry[]).filter((entry) => entry.name.includes(seriesPath));
  const answer = answers.at(-1);
  const loaded = (performance.getEntriesByName('slo-history-loaded') as unknown as MarkEntry[]).at(-1);
  const charts = (performance.getEntriesByType('mark') as unknown as MarkEntry[])
    .filter((mark) => mark.name.startsWith('chart-drawn:'))
    .map((mark) => ({ chart: mark.name.slice('chart-drawn:'.length), at: mark.startTime, points: mark.detail?.points ?? 0 }));
  return {
    arrived: answer?.responseEnd ?? null,
    loaded: loaded === undefined ? null : { at: loaded.startTime, points: loaded.detail?.points ?? 0 },
    charts,
  };
}
