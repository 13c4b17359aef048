import type { Role } from '@xops/contracts';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

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
  readonly page: LazyExoticComponent<ComponentType<PageProps>>;
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
];
