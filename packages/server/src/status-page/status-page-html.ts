import type { ComponentState, PublicIncidentBody, PublicIncidentStatus, PublicObjectiveBody, PublicStatusBody } from '@xops/contracts';
import { createHash } from 'node:crypto';
import { html, type Markup } from './html-template';

/** The page's title and first heading. */
export const STATUS_PAGE_TITLE = 'Status';

const STATE_LABELS: Readonly<Record<ComponentState, string>> = {
  'operational': 'Operational', 'degraded': 'Degraded performance', 'partial-outage': 'Partial outage', 'major-outage': 'Major outage',
};
const STATUS_LABELS: Readonly<Record<PublicIncidentStatus, string>> = { investigating: 'Investigating', monitoring: 'Monitoring', resolved: 'Resolved' };

// Every colour is dark enough for white text on it and for itself as text on white (WCAG AA,
// contrast ≥ 4.5:1; the lowest, #b42318 against white, is 6.6:1).
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
header,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem;margin:1.5rem 0 .75rem}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
p{margin:.25rem 0}
time{white-space:nowrap}
ul,ol{list-style:none;margin:0;padding:0}
a{color:#0b57d0}
.s-operational{color:#0f5c2e}.s-degraded{color:#7a4a00}.s-partial-outage{color:#9a3412}.s-major-outage{color:#b42318}
.banner{margin:0;padding:.9rem 1rem;border-radius:.5rem;color:#fff;background:#0f5c2e;font-weight:600;font-size:1.1rem}
.banner.s-degraded{background:#7a4a00}.banner.s-partial-outage{background:#9a3412}.banner.s-major-outage{background:#b42318}
.group{margin-bottom:1.25rem}
.component,.incident{border:1px solid #c9c9c9;border-radius:.5rem;padding:.75rem 1rem;margin-bottom:.5rem}
.row{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem}
.name,.state{font-weight:600}
.muted,.objectives{color:#505050;font-size:.95rem}
.objectives li{margin-top:.25rem}
.updates li{border-top:1px solid #e1e1e1;padding-top:.5rem;margin-top:.5rem}
.text{margin:.25rem 0 0;white-space:pre-line;overflow-wrap:anywhere}
footer{margin:2.5rem auto 2rem;color:#505050;font-size:.9rem}
`;

/** For the page's Content-Security-Policy: the inline style is allowed by its hash, and nothing else runs or loads. */
export const STATUS_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * The public status page as one HTML document: no script, one inline style sheet, readable from a
 * phone's width up; landmarks and headings for screen readers; states named in words, not only
 * by colour. It does not reload itself: a timed refresh fails WCAG 2.2.1 (axe-core's `meta-refresh`
 * rule, critical), as a screen reader loses its place; the feeds are there to follow. All text is
 * escaped (`html`).
 */
export function renderStatusPage(body: PublicStatusBody): string {
  const names = new Map(body.groups.flatMap((group) => group.components.map((component) => [component.name, component.displayName] as const)));
  const incident = (entry: PublicIncidentBody) => renderIncident(entry, names);
  const { active, recent } = body.incidents;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${STATUS_PAGE_TITLE}: ${body.status.description}</title>
<link rel="alternate" type="application/atom+xml" title="Incident updates (Atom)" href="/status/feed.atom">
<link rel="alternate" type="application/rss+xml" title="Incident updates (RSS)" href="/status/feed.rss">
<style>${raw(CSS)}</style>
</head>
<body>
<header>
<h1>${STATUS_PAGE_TITLE}</h1>
<p class="banner s-${body.status.state}">${body.status.description}</p>
</header>
<main>
${active.length === 0 ? html`` : html`<section aria-labelledby="active-incidents">
<h2 id="active-incidents">Active incidents</h2>
${active.map(incident)}
</section>`}
<section aria-labelledby="components">
<h2 id="components">Components</h2>
${body.groups.length === 0 ? html`<p>No components are published yet.</p>` : body.groups.map((group, index) => html`<section class="group" aria-labelledby="group-${index}">
<h3 id="group-${index}">${group.name}</h3>
<ul>
${group.components.map((component) => html`<li class="component">
<div class="row"><span class="name">${component.displayName}</span> <span class="state s-${component.state}">${STATE_LABELS[component.state]}</span></div>
${component.objectives.length === 0 ? html`` : html`<ul class="objectives">${component.objectives.map(renderObjective)}</ul>`}
${component.incidents.length === 0 ? html`` : html`<p class="muted">Affected by ${component.incidents.map((number, i) => html`${i === 0 ? '' : ', '}<a href="#incident-${number}">#${number}</a>`)}</p>`}
</li>
`)}</ul>
</section>
`)}
</section>
<section aria-labelledby="recent-incidents">
<h2 id="recent-incidents">Resolved in the last 7 days</h2>
${recent.length === 0 ? html`<p>No incidents in the last 7 days.</p>` : recent.map(incident)}
</section>
</main>
<footer>
<p>Updated ${renderTime(body.generatedAt)}; reload the page for the latest.
Follow incident updates: <a href="/status/feed.atom">Atom feed</a>, <a href="/status/feed.rss">RSS feed</a>, <a href="/api/v1/status">JSON</a>.</p>
</footer>
</body>
</html>
`;
  return page.markup;
}

function renderIncident(incident: PublicIncidentBody, names: ReadonlyMap<string, string>): Markup {
  const affected = incident.components.map((name) => names.get(name) ?? name);
  return html`<article class="incident" id="incident-${incident.number}" aria-labelledby="incident-${incident.number}-title">
<h3 id="incident-${incident.number}-title">#${incident.number} ${incident.title}</h3>
<p><span class="state s-${incident.impact}">${STATE_LABELS[incident.impact]}</span> · ${STATUS_LABELS[incident.status]} · started ${renderTime(incident.startedAt)}${incident.resolvedAt === null ? '' : html`, resolved ${renderTime(incident.resolvedAt)}`}</p>
${affected.length === 0 ? html`` : html`<p class="muted">Affects ${affected.join(', ')}</p>`}
<ol class="updates">
${incident.updates.map((update) => html`<li><p><strong>${STATUS_LABELS[update.status]}</strong> · ${renderTime(update.at)}</p><p class="text">${update.text}</p></li>
`)}</ol>
</article>
`;
}

function renderObjective(objective: PublicObjectiveBody): Markup {
  const sli = objective.sli === null ? 'no data yet' : percent(objective.sli, 'floor');
  return html`<li>${objective.name}: <strong>${sli}</strong> (target ${percent(objective.target, 'nearest')}, ${windowText(objective.window)})</li>`;
}

/** `2025-03-01 00:05 UTC`, in a `<time>` element; no script, so no local time zone. */
function renderTime(iso: string): Markup {
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/**
 * A fraction as a percentage with at most 3 decimals. An SLI is rounded down, so 99.9996 % never
 * shows as a perfect 100 %; the epsilon keeps 0.29 from showing as 28.999 % (0.29 × 10⁵ is 28999.999…).
 */
function percent(fraction: number, rounding: 'floor' | 'nearest'): string {
  const thousandths = rounding === 'floor' ? Math.floor(fraction * 100_000 + 1e-6) : Math.round(fraction * 100_000);
  return `${thousandths / 1000}%`;
}

function windowText(window: PublicObjectiveBody['window']): string {
  if (window.kind === 'rolling') return `last ${window.duration}`;
  return window.count === 1 ? `this ${window.unit}` : `this ${window.count}-${window.unit} period`;
}

function raw(markup: string): Markup {
  return { markup };
}
