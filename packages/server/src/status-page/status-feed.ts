import type { PublicStatusBody } from '@xops/contracts';
import { Feed, type Item } from 'feed';
import { escapeHtml } from './escape-html';
import { STATUS_PAGE_TITLE } from './status-page-html';

export type FeedFormat = 'atom' | 'rss';

export interface StatusFeedOptions {
  readonly format: FeedFormat;
  /** The absolute URL of `/status` as the client reached it, e.g. `https://status.example.com/status`. */
  readonly pageUrl: string;
}

/**
 * The public incident updates of the status page as an Atom 1.0 (RFC 4287) or RSS 2.0 feed: one
 * entry per update, newest first, titled `#n title — status` (the incident's status when the
 * update was written) with the update's text as its content. Entry ids are tag URIs (RFC 4151)
 * made of the incident's UUID and the update's timeline id, so they never change.
 *
 * The `feed` library writes titles and content as HTML in CDATA sections, so the text goes in
 * HTML-escaped: a reader shows `<script>` as text. That also keeps `]]>` out of the CDATA
 * (`>` is `&gt;`), which `xml-js` would escape only once per section.
 */
export function renderStatusFeed(body: PublicStatusBody, { format, pageUrl }: StatusFeedOptions): string {
  const entries = [...body.incidents.active, ...body.incidents.recent]
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort((a, b) => Date.parse(b.update.at) - Date.parse(a.update.at) || b.update.id - a.update.id);
  const newest = entries[0]?.update.at ?? body.generatedAt;
  const feedUrl = new URL(`status/feed.${format}`, pageUrl).href;
  const feed = new Feed({
    id: pageUrl,
    title: `${STATUS_PAGE_TITLE}: incident updates`,
    description: 'Updates on incidents, as the responders publish them.',
    link: pageUrl,
    updated: new Date(newest),
    generator: 'xops',
    feedLinks: { [format]: feedUrl },
    author: { name: STATUS_PAGE_TITLE },
  });
  for (const { incident, update } of entries) {
    const title = xmlText(`#${incident.number} ${incident.title} — ${update.status}`);
    const text = xmlText(update.text);
    const item: Item = {
      id: `tag:xops.dev,2025:status/incident/${incident.number}/update/${update.id}`,
      link: `${pageUrl}#incident-${incident.number}`,
      title,
      date: new Date(update.at),
      ...(format === 'atom' ? { content: text } : { description: text }),
    };
    feed.addItem(item);
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}

/**
 * `text` ready for the feed: HTML-escaped (see above), and without the control characters
 * XML 1.0 forbids (§2.2 Char), which would make the whole feed unreadable.
 */
function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point.
  return escapeHtml(text.replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}
