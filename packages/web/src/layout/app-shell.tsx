import { roleAllows } from '@xops/contracts';
import { ROUTES } from '../routes';
import { Link } from '../router/link';
import { matchPath } from '../router/match-path';
import { useLocation } from '../router/navigation';
import { RouterView } from '../router/router-view';
import { useSession } from '../session/session-context';

/** The frame of every page: a skip link, the navigation, who is signed in, and the page itself in `<main>`. */
export function AppShell() {
  const { name, role, signOut } = useSession();
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <Link to="/" className="brand">xops</Link>
        <nav aria-label="Dashboard">
          <ul>
            {ROUTES.filter((route) => route.nav !== undefined && roleAllows(role, route.needs ?? 'viewer')).map((route) => (
              <li key={route.path}>
                <Link to={route.path} aria-current={matchPath(route.path, pathname) === null ? undefined : 'page'}>{route.nav}</Link>
              </li>
            ))}
            <li><a href="/status">Status page</a></li>
          </ul>
        </nav>
        <div className="who" data-testid="whoami">
          <span>{name}</span> <span className="role">{role}</span>
          <button type="button" className="link-button" onClick={() => signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <RouterView />
      </main>
    </>
  );
}
