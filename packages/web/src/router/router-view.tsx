import { Suspense, useEffect } from 'react';
import { ROUTES } from '../routes';
import { ErrorBoundary } from '../common/error-boundary';
import { Link } from './link';
import { matchPath } from './match-path';
import { useLocation } from './navigation';

/** The page of the current path, loaded on demand, or a "not found" page. */
export function RouterView() {
  const { pathname } = useLocation();
  const found = ROUTES.map((route) => ({ route, params: matchPath(route.path, pathname) }))
    .find((candidate) => candidate.params !== null);
  const title = found?.route.title ?? 'Page not found';

  useEffect(() => {
    document.title = `${title} · xops`;
  }, [title]);

  if (found === undefined || found.params === null) {
    return (
      <>
        <h1>Page not found</h1>
        <p>No dashboard page is at <code>{pathname}</code>. <Link to="/">Go to the overview</Link>.</p>
      </>
    );
  }
  const Page = found.route.page;
  // Keyed by path: another SLO is another page, with its own state.
  return (
    <ErrorBoundary key={pathname}>
      <Suspense fallback={<p className="page-status" role="status">Loading…</p>}>
        <Page params={found.params} />
      </Suspense>
    </ErrorBoundary>
  );
}
