/**
 * A destination as it may be shown and logged: an email address as it is, a URL as its scheme
 * and host only, since the path and query of a Slack or Teams incoming webhook are its secret.
 *
 * @example redactDestination('https://hooks.slack.com/services/T0/B0/XyZ') // → 'https://hooks.slack.com/…'
 */
export function redactDestination(destination: string): string {
  if (!URL.canParse(destination)) return destination.includes('://') ? '(not a valid URL)' : destination;
  const url = new URL(destination);
  const hasMore = url.pathname !== '/' || url.search !== '' || url.hash !== '';
  return `${url.protocol}//${url.host}${hasMore ? '/…' : ''}`;
}
