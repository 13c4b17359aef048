import type { ConfigObject, PublicIncidentBody, PublicIncidentStatus, PublicStatusBody } from '@xops/contracts';
import { applyIncidentAction, type Bucket, type IncidentAction, type IncidentSeverity } from '@xops/core';
import { testDatabaseEngines, type IncidentRecord } from '@xops/store';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/clock/fake-clock';
import { createSloEvaluator, type SloEvaluator } from '../src/slo/slo-evaluator';
import { applyDocuments, buckets, DAY, HOUR, MINUTE, SECOND, T0 } from './slo-fixtures';
import { openTestApp, type TestApp } from './test-app';

/** When the page is looked at: one minute into an outage of search. */
const NOW = T0 + MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const SCRIPT_UPDATE = 'We are investigating errors at checkout. <script>alert("x")</script> & ]]> done';
const INTERNAL_NOTE = 'internal: db-3 at 10.0.0.3 is down, ask mallory';

const service = (name: string, displayName: string, annotations?: Record<string, string>): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'Service', metadata: { name, displayName, ...(annotations ? { annotations } : {}) }, spec: {},
});
const sli = (name: string): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name },
  spec: { ratioMetric: { counter: true, good: { metricSource: { type: 'xops', spec: {} } }, total: { metricSource: { type: 'xops', spec: {} } } } },
});
const slo = (name: string, serviceName: string, metadata: Omit<ConfigObject['metadata'], 'name'> = {}, target = 0.999): ConfigObject => ({
  apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name, ...metadata },
  spec: {
    service: serviceName, indicatorRef: `${serviceName}-requests`, timeWindow: [{ duration: '30d', isRolling: true }],
    budgetingMethod: 'Occurrences', objectives: [{ displayName: 'Available', target }],
  },
});

describe.each(testDatabaseEngines())('public status page on %s', (engine) => {
  let t: TestApp;
  let evaluator: SloEvaluator;
  const incidents = new Map<number, IncidentRecord>();

  async function open(title: string, severity: IncidentSeverity, services: string[], at: number): Promise<IncidentRecord> {
    const incident = await t.store.openIncident({ title, severity, groupKey: null, services, escalationPolicy: null, declaredBy: 'responder-bot' }, at);
    incidents.set(incident.number, incident);
    return incident;
  }
  async function act(incident: IncidentRecord, action: IncidentAction, at: number): Promise<void> {
    const result = await t.store.changeIncident(incident.id, (current) => {
      const applied = applyIncidentAction(current, action, at);
      if (!applied.ok) return applied;
      return { ok: true, value: { lifecycle: applied.value.incident, events: [{ at, kind: 'state', actor: 'responder-bot', text: `${action.kind}d` }] } };
    }, at);
    expect(result?.ok).toBe(true);
  }
  const publish = (incident: IncidentRecord, at: number, text: string) =>
    t.store.appendIncidentEvents(incident.id, [{ at, kind: 'public-update', actor: 'responder-bot', text, public: true }]);
  const note = (incident: IncidentRecord, at: number, text: string) =>
    t.store.appendIncidentEvents(incident.id, [{ at, kind: 'note', actor: 'responder-bot', text }]);
  /** The timeline id of incident #number's entry with `text`: the stable id of a public update. */
  async function eventId(number: number, text: string): Promise<number> {
    const events = await t.store.listIncidentEvents(incidents.get(number)!.id);
    return events.find((event) => event.text === text)!.id;
  }

  beforeEach(async () => {
    incidents.clear();
    const clock = new FakeClock(T0 - 10 * DAY);
    t = await openTestApp(engine, {
      clock,
      evaluator: (store) => (evaluator = createSloEvaluator({ store, clock, logger: pino({ enabled: false }), holder: 'replica-a' })),
    });
    await applyDocuments(t.store,
      service('checkout', 'Checkout'), service('cart', 'Cart'), service('search', 'Search'), service('catalog', 'Catalog'),
      service('payments', 'Payments', { 'xops.dev/status-group': 'Back office' }),
      service('emails', 'Emails', { 'xops.dev/status-group': 'Back office' }),
      service('ledger', 'Ledger', { 'xops.dev/status-page': 'false' }),
      sli('checkout-requests'), sli('search-requests'), sli('catalog-requests'),
      slo('checkout-availability', 'checkout', {
        displayName: 'Checkout availability', labels: { team: 'payments-team' }, annotations: { 'xops.dev/runbook': 'https://runbooks.internal/checkout' },
      }),
      slo('checkout-internal', 'checkout', { annotations: { 'xops.dev/status-page': 'false' } }, 0.99999),
      slo('search-availability', 'search'),
      slo('catalog-availability', 'catalog', { displayName: 'Catalog availability' }),
    );
    // checkout: two clean hours, 100 requests per 10 s.
    await t.store.writeBuckets('checkout-requests', buckets(T0 - 2 * HOUR, NOW, 100), 'replace');
    // search: a million good requests once an hour from 73 h to 2 h ago, then every request fails
    // from T0: the last hour holds only the outage (burn rate 1000, the 14.4× page tier fires),
    // while the budget keeps 1 − 6000 / (0.001 × 72 006 000) ≈ 92 %. SLI 72 000 000 / 72 006 000.
    const hourly: Bucket[] = [];
    for (let k = 73; k >= 2; k--) hourly.push({ start: T0 - k * HOUR, good: 1_000_000, total: 1_000_000 });
    await t.store.writeBuckets('search-requests', [...hourly, ...buckets(T0, NOW, 1000, () => 1000)], 'replace');
    // catalog: 1000 failed requests two days ago, clean since 2 h ago: 1000 bad of 73 600 spends
    // 13.6 times the budget (73.6), but no window of a burn-rate tier burns now. SLI 72 600 / 73 600.
    await t.store.writeBuckets('catalog-requests', [{ start: T0 - 2 * DAY, good: 0, total: 1000 }, ...buckets(T0 - 2 * HOUR, NOW, 100)], 'replace');

    // #1 resolved 8 days ago: too old for the page.
    const old = await open('Old checkout slowness', 'SEV2', ['checkout'], T0 - 9 * DAY);
    await publish(old, T0 - 9 * DAY + MINUTE, 'Checkout is slow.');
    await act(old, { kind: 'resolve' }, T0 - 8 * DAY);
    // #2 resolved two days ago, with two public updates.
    const declined = await open('Payments declined at checkout', 'SEV2', ['checkout', 'ledger'], T0 - 2 * DAY);
    await publish(declined, T0 - 2 * DAY + 5 * MINUTE, 'We are looking into declined payments.');
    await act(declined, { kind: 'resolve' }, T0 - 2 * DAY + HOUR);
    await publish(declined, T0 - 2 * DAY + HOUR, 'Payments work again.');
    // #3 resolved yesterday, never published.
    const hiccup = await open('Cart hiccup', 'SEV3', ['cart'], T0 - DAY);
    await act(hiccup, { kind: 'resolve' }, T0 - DAY + MINUTE);
    // #4 SEV1 on checkout: two public updates and an internal note.
    const failing = await open('Checkout is failing', 'SEV1', ['checkout'], T0);
    await publish(failing, T0 + 10 * SECOND, SCRIPT_UPDATE);
    await note(failing, T0 + 20 * SECOND, INTERNAL_NOTE);
    await publish(failing, T0 + 30 * SECOND, 'A fix is being deployed.');
    // #5 SEV2 on payments, acknowledged, not published.
    const payments = await open('Payments: PSP timeouts', 'SEV2', ['payments'], T0);
    await act(payments, { kind: 'acknowledge' }, T0 + 5 * SECOND);
    await note(payments, T0 + 6 * SECOND, 'PSP says it is their load balancer');
    // #6 SEV1 on cart, mitigated after 40 s.
    const cart = await open('Cart is slow', 'SEV1', ['cart'], T0);
    await publish(cart, T0 + 15 * SECOND, 'Investigating slow carts.');
    await act(cart, { kind: 'mitigate' }, T0 + 40 * SECOND);
    await publish(cart, T0 + 45 * SECOND, 'Mitigated; we are watching.');
    // #7 SEV4 on emails: published, but no customer impact.
    const emails = await open('Email delays', 'SEV4', ['emails'], T0);
    await publish(emails, T0 + 20 * SECOND, 'Some emails are delayed.');
    // #8 SEV1 on the hidden ledger.
    await open('Ledger replication broken', 'SEV1', ['ledger'], T0);

    clock.set(NOW);
    await evaluator.evaluateOnce();
  });
  afterEach(async () => { await t.close(); });

  it('derives each component\'s state from its SLOs and open incidents, grouped, without a token', async () => {
    const response = await t.call({ url: '/api/v1/status' });
    expect(response.statusCode).toBe(200);
    const body: PublicStatusBody = response.json();
    const window = { kind: 'rolling', duration: '30d' } as const;
    expect(body.generatedAt).toBe(iso(NOW));
    expect(body.status).toEqual({ state: 'major-outage', description: 'Major outage' });
    expect(body.groups).toEqual([
      { name: 'Back office', state: 'partial-outage', components: [
        // SEV4: published, but it changes nothing.
        { name: 'emails', displayName: 'Emails', state: 'operational', objectives: [], incidents: [7] },
        // SEV2, acknowledged: a partial outage, though nobody published anything.
        { name: 'payments', displayName: 'Payments', state: 'partial-outage', objectives: [], incidents: [] },
      ] },
      { name: 'Services', state: 'major-outage', components: [
        // SEV1, mitigated: degraded.
        { name: 'cart', displayName: 'Cart', state: 'degraded', objectives: [], incidents: [6] },
        // Budget spent, no paging alert.
        { name: 'catalog', displayName: 'Catalog', state: 'degraded', objectives: [{ name: 'Catalog availability', sli: 72_600 / 73_600, target: 0.999, window }], incidents: [] },
        // SEV1 open; its SLO is clean; the hidden SLO is not shown.
        { name: 'checkout', displayName: 'Checkout', state: 'major-outage', objectives: [{ name: 'Checkout availability', sli: 1, target: 0.999, window }], incidents: [4] },
        // The 14.4× page tier fires; the budget is not spent.
        { name: 'search', displayName: 'Search', state: 'degraded', objectives: [{ name: 'search-availability', sli: 72_000_000 / 72_006_000, target: 0.999, window }], incidents: [] },
      ] },
    ]);
    const firing = (await t.call({ url: '/api/v1/alerts?status=firing', as: 'viewer' })).json().map((a: { slo: string; rule: string }) => `${a.slo}/${a.rule}`);
    expect(firing.sort()).toEqual(['catalog-availability/budget-exhausted', 'search-availability/burn-rate-14.4x']);
  });

  it('shows published incidents with their public updates only, newest first; recent ones for 7 days', async () => {
    const body: PublicStatusBody = (await t.call({ url: '/api/v1/status' })).json();
    const update = async (number: number, at: number, status: PublicIncidentStatus, text: string) => ({ id: await eventId(number, text), at: iso(at), status, text });
    const expected: { active: PublicIncidentBody[]; recent: PublicIncidentBody[] } = {
      active: [
        {
          number: 7, title: 'Email delays', status: 'investigating', impact: 'operational', components: ['emails'], startedAt: iso(T0), resolvedAt: null,
          updates: [await update(7, T0 + 20 * SECOND, 'investigating', 'Some emails are delayed.')],
        },
        {
          number: 6, title: 'Cart is slow', status: 'monitoring', impact: 'degraded', components: ['cart'], startedAt: iso(T0), resolvedAt: null,
          updates: [
            await update(6, T0 + 45 * SECOND, 'monitoring', 'Mitigated; we are watching.'),
            await update(6, T0 + 15 * SECOND, 'investigating', 'Investigating slow carts.'),
          ],
        },
        {
          number: 4, title: 'Checkout is failing', status: 'investigating', impact: 'major-outage', components: ['checkout'], startedAt: iso(T0), resolvedAt: null,
          updates: [
            await update(4, T0 + 30 * SECOND, 'investigating', 'A fix is being deployed.'),
            await update(4, T0 + 10 * SECOND, 'investigating', SCRIPT_UPDATE),
          ],
        },
      ],
      recent: [{
        // The hidden ledger is not named.
        number: 2, title: 'Payments declined at checkout', status: 'resolved', impact: 'partial-outage', components: ['checkout'],
        startedAt: iso(T0 - 2 * DAY), resolvedAt: iso(T0 - 2 * DAY + HOUR),
        updates: [
          await update(2, T0 - 2 * DAY + HOUR, 'resolved', 'Payments work again.'),
          await update(2, T0 - 2 * DAY + 5 * MINUTE, 'investigating', 'We are looking into declined payments.'),
        ],
      }],
    };
    expect(body.incidents).toEqual(expected);
    const text = JSON.stringify(body);
    for (const secret of ['db-3', 'mallory', 'PSP', 'responder-bot', 'payments-team', 'runbooks.internal', 'Ledger', 'SEV', 'checkout-internal']) {
      expect(text).not.toContain(secret);
    }
  });

  it('renders the page as escaped, script-free HTML for phones, with the same figures', async () => {
    const response = await t.call({ url: '/status' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'/);
    const page = response.body;
    // The responder's <script> is text, and the page carries no script of its own.
    expect(page).toContain('<p class="text">We are investigating errors at checkout. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; done</p>');
    expect(page.toLowerCase()).not.toContain('<script');
    for (const secret of ['db-3', 'mallory', 'Ledger', 'payments-team']) expect(page).not.toContain(secret);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // No timed refresh: axe-core's meta-refresh rule (WCAG 2.2.1) counts it as critical.
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).toContain('<title>Status: Major outage</title>');
    expect(page).toContain('<p class="banner s-major-outage">Major outage</p>');
    expect(page.match(/<(header|main|footer)>/g)).toEqual(['<header>', '<main>', '<footer>']);
    expect(page.match(/<h[1-3][ >]/g)?.map((tag) => tag.slice(1, 3))).toEqual([
      'h1', 'h2', 'h3', 'h3', 'h3', 'h2', 'h3', 'h3', 'h2', 'h3',
    ]);
    // SLIs rounded down to a thousandth of a percent: 72 600 / 73 600 = 98.6413…%, 72 000 000 / 72 006 000 = 99.99166…%.
    expect(page).toContain('<li>Catalog availability: <strong>98.641%</strong> (target 99.9%, last 30d)</li>');
    expect(page).toContain('<li>Checkout availability: <strong>100%</strong> (target 99.9%, last 30d)</li>');
    expect(page).toContain('<li>search-availability: <strong>99.991%</strong> (target 99.9%, last 30d)</li>');
    expect(page).toContain('<span class="name">Payments</span> <span class="state s-partial-outage">Partial outage</span>');
    expect(page).toContain('<p class="muted">Affected by <a href="#incident-4">#4</a></p>');
    expect(page).toContain('<p><strong>Monitoring</strong> · <time datetime="2025-03-01T00:00:45.000Z">2025-03-01 00:00 UTC</time></p><p class="text">Mitigated; we are watching.</p>');
  });

  it('serves every public update as an Atom 1.0 entry, newest first, with stable ids', async () => {
    const response = await t.call({ url: '/status/feed.atom' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(response.body)).toBe(true);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', cdataPropName: 'cdata', isArray: (name) => name === 'entry' || name === 'link' });
    const { feed } = parser.parse(response.body);
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('http://localhost/status');
    expect(feed.title).toBe('Status: incident updates');
    expect(feed.updated).toBe(iso(T0 + 45 * SECOND));
    expect(feed.author).toEqual({ name: 'Status' });
    expect(feed.link).toEqual([{ rel: 'alternate', href: 'http://localhost/status' }, { rel: 'self', href: 'http://localhost/status/feed.atom' }]);
    const entry = async (number: number, at: number, title: string, text: string) => ({
      id: `tag:xops.dev,2025:status/incident/${number}/update/${await eventId(number, text)}`,
      title: { type: 'html', cdata: title },
      link: [{ href: `http://localhost/status#incident-${number}` }],
      updated: iso(at),
      content: { type: 'html', cdata: text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;') },
    });
    expect(feed.entry).toEqual([
      await entry(6, T0 + 45 * SECOND, '#6 Cart is slow — monitoring', 'Mitigated; we are watching.'),
      await entry(4, T0 + 30 * SECOND, '#4 Checkout is failing — investigating', 'A fix is being deployed.'),
      await entry(7, T0 + 20 * SECOND, '#7 Email delays — investigating', 'Some emails are delayed.'),
      await entry(6, T0 + 15 * SECOND, '#6 Cart is slow — investigating', 'Investigating slow carts.'),
      await entry(4, T0 + 10 * SECOND, '#4 Checkout is failing — investigating', SCRIPT_UPDATE),
      await entry(2, T0 - 2 * DAY + HOUR, '#2 Payments declined at checkout — resolved', 'Payments work again.'),
      await entry(2, T0 - 2 * DAY + 5 * MINUTE, '#2 Payments declined at checkout — investigating', 'We are looking into declined payments.'),
    ]);
    expect(response.body).not.toContain('db-3');
  });

  it('serves the same updates as RSS 2.0', async () => {
    const response = await t.call({ url: '/status/feed.rss' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(response.body)).toBe(true);
    const { rss } = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(response.body);
    expect(rss.version).toBe('2.0');
    expect(rss.channel.link).toBe('http://localhost/status');
    const items = rss.channel.item as { title: string; guid: { '#text': string }; pubDate: string; description: string }[];
    expect(items.map((item) => [item.title, item.pubDate, item.description])).toEqual([
      ['#6 Cart is slow — monitoring', 'Sat, 01 Mar 2025 00:00:45 GMT', 'Mitigated; we are watching.'],
      ['#4 Checkout is failing — investigating', 'Sat, 01 Mar 2025 00:00:30 GMT', 'A fix is being deployed.'],
      ['#7 Email delays — investigating', 'Sat, 01 Mar 2025 00:00:20 GMT', 'Some emails are delayed.'],
      ['#6 Cart is slow — investigating', 'Sat, 01 Mar 2025 00:00:15 GMT', 'Investigating slow carts.'],
      ['#4 Checkout is failing — investigating', 'Sat, 01 Mar 2025 00:00:10 GMT',
        'We are investigating errors at checkout. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; done'],
      ['#2 Payments declined at checkout — resolved', 'Thu, 27 Feb 2025 01:00:00 GMT', 'Payments work again.'],
      ['#2 Payments declined at checkout — investigating', 'Thu, 27 Feb 2025 00:05:00 GMT', 'We are looking into declined payments.'],
    ]);
    expect(items[0]!.guid['#text']).toBe(`tag:xops.dev,2025:status/incident/6/update/${await eventId(6, 'Mitigated; we are watching.')}`);
  });

  it('needs no token, even a wrong one, while the rest of the API still does', async () => {
    for (const url of ['/api/v1/status', '/status', '/status/feed.atom', '/status/feed.rss']) {
      expect((await t.call({ url })).statusCode).toBe(200);
      expect((await t.call({ url, headers: { authorization: 'Bearer xops_not-a-token' } })).statusCode).toBe(200);
    }
    for (const url of ['/api/v1/alerts', '/api/v1/slos/search-availability/status', '/api/v1/services']) {
      expect((await t.call({ url })).statusCode).toBe(401);
    }
    const openapi = (await t.call({ url: '/api/v1/openapi.json', as: 'viewer' })).json();
    expect(openapi.paths['/api/v1/status'].get.security).toEqual([]);
    expect(openapi.paths['/status']).toBeUndefined();
  });
});
