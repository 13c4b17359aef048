/**
 * True when a GET should get the dashboard's index.html so that the browser's router draws the
 * page: a browser navigation (it accepts text/html) to a path that is neither the API nor a file.
 * Anything else keeps the API's 404 envelope, so a typo in an API path never answers HTML.
 *
 * @example isDashboardNavigation('/slos/checkout?x=1', 'text/html,application/xhtml+xml') // → true
 */
export function isDashboardNavigation(url: string, accept: string | undefined): boolean {
  const path = url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (last.includes('.')) return false;
  return (accept ?? '').toLowerCase().includes('text/html');
}
