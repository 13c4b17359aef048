import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard builds into dist/, which the server serves at `/` (docs/adr/0017-dashboard.md).
// `npm run dev -w @xops/web` serves it with hot reload and sends API calls to a local `xops up`.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The first page must stay under 250 kB of gzipped JavaScript (issue 6): the build says so.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:7070', '/status': 'http://127.0.0.1:7070' },
  },
});
