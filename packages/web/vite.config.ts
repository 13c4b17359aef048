import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Loads `src/early-start.ts` as a script of its own, first in `<head>`: it asks for the token
 * check and the first page's data while the entry chunk (React, zod, the contracts: ~380 kB) is
 * still being fetched and compiled, which on a busy machine is over 100 ms before the entry's
 * first line runs (`npm run bench -- web`). `main.tsx` imports it too, so the entry waits for it
 * and shares its module (early/early-requests.ts) rather than a copy.
 */
function earlyScript(): Plugin {
  return {
    name: 'xops-early-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const early = Object.values(bundle ?? {}).find((output) => output.type === 'chunk' && output.isEntry && output.name === 'early');
        if (early === undefined) throw new Error('the build has no `early` entry (src/early-start.ts)');
        return [{ tag: 'script', attrs: { type: 'module', crossorigin: true, src: `/${early.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

// The dashboard builds into dist/, which the server serves at `/` (docs/adr/0017-dashboard.md).
// `npm run dev -w @xops/web` serves it with hot reload and sends API calls to a local `xops up`.
export default defineConfig({
  plugins: [react(), earlyScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The first page must stay under 250 kB of gzipped JavaScript (issue 6): the build says so.
    chunkSizeWarningLimit: 600,
    rollupOptions: { input: { index: 'index.html', early: 'src/early-start.ts' } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:7070', '/status': 'http://127.0.0.1:7070' },
  },
});
