import type { Role } from '@xops/contracts';
import type { ComponentType } from 'react';
import { lazyPage as lazy, preloadLazyPage } from './router/lazy-page';
import { matchPath } from './router/match-path';

/** What every page gets from the router: the path's parameters, decoded. */
export interface PageProps {
  readonly params: Readonly<Record<string, string>>;
}

export interface PageRoute {
  /** A pattern as `matchPath` reads it, e.g. `/slos/:name`. */
  readonly path: string;
  /** The document title; a page may refine it (`useDocumentTitle`). */
  readonly title: string;
  /** The label in the navigation bar; pages without one are reached by links. */
  readonly nav?: string;
  /** The role the page's API calls need; the navigation hides it from weaker tokens. */
  readonly needs?: Role;
  readonly page: ComponentType<PageProps>;
}

/**
 * The dashboard's pages, first match wins. Adding a page is a file under its feature folder and
 * an entry here; each page is its own chunk, loaded when first visited (docs/adr/0017-dashboard.md).
 * Paths must not collide with the server's own pages (`/status`, `/api/…`, `/metrics`).
 */
export const ROUTES: readonly PageRoute[] = [
  { path: '/', title: 'Overview', nav: 'Overview', page: lazy(() => import('./overview/overview-page').then((m) => ({ default: m.OverviewPage }))) },
  { path: '/slos/:name', title: 'SLO', page: lazy(() => import('./slo/slo-detail-page').then((m) => ({ default: m.SloDetailPage }))) },
  { path: '/replay', title: 'Replay', nav: 'Replay', needs: 'editor', page: lazy(() => import('./replay/replay-page').then((m) => ({ default: m.ReplayPage }))) },
  { path: '/incidents', title: 'Incidents', nav: 'Incidents', page: lazy(() => import('./incidents/incidents-page').then((m) => ({ default: m.IncidentsPage }))) },
  { path: '/incidents/:ref', title: 'Incident', page: lazy(() => import('./incidents/incident-page').then((m) => ({ default: m.IncidentPage }))) },
  { path: '/incidents/:ref/postmortem', title: 'Postmortem', page: lazy(() => import('./incidents/postmortem-page').then((m) => ({ default: m.PostmortemPage }))) },
  { path: '/oncall', title: 'On call', nav: 'On call', page: lazy(() => import('./oncall/oncall-page').then((m) => ({ default: m.OnCallPage }))) },
  { path: '/alerts', title: 'Alerts', nav: 'Alerts', page: lazy(() => import('./alerts/alerts-page').then((m) => ({ default: m.AlertsPage }))) },
];

/**
 * Starts loading the code of the page at `pathname` (the browser loads a module once): called at
 * start, so that the first page's code arrives while the token is being checked rather than after
 * (the overview with 1,000 SLOs, `npm run bench -- web`).
 */
export function preloadPage(pathname: string): void {
  const route = ROUTES.find((candidate) => matchPath(candidate.path, pathname) !== null);
  if (route !== undefined) preloadLazyPage(route.page);
}
