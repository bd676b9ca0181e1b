import { defineConfig } from 'vite';

/**
 * The console's build: `vite build src/console` (root here) writes `dist/console`, which the service serves
 * at `/`. Preact's JSX runtime is all the framework needs; no plugin.
 */
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 200,
  },
  server: {
    // `npm run console:dev`: the API stays on the service (npm start on port 3000).
    proxy: {
      '/api': 'http://localhost:3000',
      '/openapi.json': 'http://localhost:3000',
    },
  },
});
