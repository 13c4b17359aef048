import { createApiClient } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { loadOverview } from '../overview/load-overview';
import { earlyPaths, OVERVIEW_PATHS, startEarlyRequests, takeEarlyResponse } from './early-requests';

const ORIGIN = 'http://xops.test';

/** A `fetch` that answers every GET with an empty list (or no summaries) and records what it was asked. */
function recordingFetch() {
  const asked: { url: string; headers: unknown }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    asked.push({ url, headers: init?.headers });
    return new Response(url.endsWith('/slo-summaries') ? '{"summaries":[]}' : '[]', { status: 200 });
  };
  return { asked, fetch };
}

describe('early requests', () => {
  it('are the requests the overview makes, with the headers the API client sends', async () => {
    const client = recordingFetch();
    await loadOverview(createApiClient({ server: ORIGIN, token: 'xops_a', fetch: client.fetch }));
    const early = recordingFetch();
    startEarlyRequests({ origin: ORIGIN, token: 'xops_a', paths: OVERVIEW_PATHS, fetch: early.fetch });
    expect(early.asked.map((request) => request.url).sort()).toEqual(client.asked.map((request) => request.url).sort());
    expect(early.asked[0]!.headers).toEqual(client.asked[0]!.headers);
    for (const path of OVERVIEW_PATHS) await takeEarlyResponse(`${ORIGIN}${path}`, 'xops_a');
  });

  it('start with the token check, and the overview\'s data only at /', () => {
    expect(earlyPaths('/')).toEqual(['/api/v1/whoami', ...OVERVIEW_PATHS]);
    expect(earlyPaths('/slos/checkout')).toEqual(['/api/v1/whoami']);
  });

  it('answer a GET once, and only with the token they were started with', async () => {
    const early = recordingFetch();
    startEarlyRequests({ origin: ORIGIN, token: 'xops_a', paths: ['/api/v1/whoami', '/api/v1/services'], fetch: early.fetch });
    expect(takeEarlyResponse(`${ORIGIN}/api/v1/whoami`, 'xops_b')).toBeUndefined();
    expect(takeEarlyResponse(`${ORIGIN}/api/v1/whoami`, 'xops_a')).toBeUndefined();
    expect(await (await takeEarlyResponse(`${ORIGIN}/api/v1/services`, 'xops_a'))?.text()).toBe('[]');
    expect(takeEarlyResponse(`${ORIGIN}/api/v1/services`, 'xops_a')).toBeUndefined();
  });
});
