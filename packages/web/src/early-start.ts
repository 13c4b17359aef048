import { earlyPaths, startEarlyRequests } from './early/early-requests';
import { tokenStorage } from './session/token-storage';

// A script of its own, first in the page (vite.config.ts): with a token kept in this tab, the token
// check and the first page's data are asked for now (early/early-requests.ts), and at `/` the
// overview's code too, while the entry chunk is still being fetched and run.
const token = tokenStorage.read();
if (token !== null) {
  // The overview's code first: asked for after the data, its files waited for connections that the
  // five data requests held (six per server in HTTP/1.1) and came last (`npm run bench -- web`).
  // A module that fails to load here fails again, and is shown, when the router imports it.
  if (window.location.pathname === '/') import('./overview/overview-page').catch(() => undefined);
  startEarlyRequests({ origin: window.location.origin, token, paths: earlyPaths(window.location.pathname), fetch: window.fetch.bind(window) });
}
