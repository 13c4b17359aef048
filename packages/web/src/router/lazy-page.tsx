import { useEffect, useState, type ComponentType } from 'react';

const loaders = new WeakMap<object, () => Promise<unknown>>();

/**
 * A page whose code loads when first needed, like React's `lazy` but without Suspense: it shows
 * "Loading…" until its module has arrived, then the page, and renders the page at once when the
 * module is there already (`preloadLazyPage`, or an earlier visit). A lazy component suspends on
 * its first render even then, and React 19 holds back what a Suspense boundary reveals until
 * 300 ms after its fallback showed: a third of the overview's time to interactive
 * (`npm run bench -- web`). A module that fails to load throws into the nearest error boundary.
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => {
    loading ??= load().then((module) => (loaded = module.default), (error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  function LazyPage(props: P) {
    const [state, setState] = useState<{ readonly page?: ComponentType<P>; readonly error?: unknown }>(() => ({ page: loaded }));
    useEffect(() => {
      if (state.page !== undefined) return;
      let live = true;
      start().then((page) => { if (live) setState({ page }); }, (error: unknown) => { if (live) setState({ error }); });
      return () => { live = false; };
    }, [state.page]);
    if (state.error !== undefined) throw state.error;
    const Page = state.page;
    return Page === undefined ? <p className="page-status" role="status">Loading…</p> : <Page {...props} />;
  }
  loaders.set(LazyPage, start);
  return LazyPage;
}

/** Starts loading the module of a `lazyPage` now; nothing for any other component. */
export function preloadLazyPage(page: object): void {
  // A module that fails here fails again, and is shown, when the page renders.
  loaders.get(page)?.().catch(() => undefined);
}
