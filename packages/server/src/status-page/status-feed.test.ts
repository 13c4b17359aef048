import type { PublicStatusBody } from '@xops/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderStatusFeed } from './status-feed';

const body = (text: string, title = 'Checkout & co'): PublicStatusBody => ({
  generatedAt: '2025-03-01T00:01:00.000Z',
  status: { state: 'degraded', description: 'Degraded performance' },
  groups: [],
  incidents: {
    active: [{
      number: 3, title, status: 'investigating', impact: 'degraded', components: [], startedAt: '2025-03-01T00:00:00.000Z', resolvedAt: null,
      updates: [{ id: 41, at: '2025-03-01T00:00:30.000Z', status: 'investigating', text }],
    }],
    recent: [],
  },
});
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', cdataPropName: 'cdata' }).parse(xml);

describe('renderStatusFeed', () => {
  it('keeps the feed well-formed whatever the text: CDATA ends, entities, XML-forbidden control characters', () => {
    const xml = renderStatusFeed(body('a]]>b]]>c &amp; \u0000\u0007\u001Bd\ttab\nline', '<b>R&amp;D</b>'), { format: 'atom', pageUrl: 'https://status.example.com/status' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { entry } = parse(xml).feed;
    // HTML content: a reader decodes the entities once and shows exactly what was written, less the control characters.
    expect(entry.content).toEqual({ type: 'html', cdata: 'a]]&gt;b]]&gt;c &amp;amp; d\ttab\nline' });
    expect(entry.title).toEqual({ type: 'html', cdata: '#3 &lt;b&gt;R&amp;amp;D&lt;/b&gt; — investigating' });
    expect(entry.id).toBe('tag:xops.dev,2025:status/incident/3/update/41');
    expect(entry.link).toEqual({ href: 'https://status.example.com/status#incident-3' });
  });

  it('is dated by its newest update, or by the snapshot when nothing was published', () => {
    expect(parse(renderStatusFeed(body('x'), { format: 'atom', pageUrl: 'http://localhost/status' })).feed.updated).toBe('2025-03-01T00:00:30.000Z');
    const empty = { ...body('x'), incidents: { active: [], recent: [] } };
    const feed = parse(renderStatusFeed(empty, { format: 'atom', pageUrl: 'http://localhost/status' })).feed;
    expect(feed.updated).toBe('2025-03-01T00:01:00.000Z');
    expect(feed.entry).toBeUndefined();
    expect(XMLValidator.validate(renderStatusFeed(empty, { format: 'rss', pageUrl: 'http://localhost/status' }))).toBe(true);
  });
});
