import * as path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web console: built into dist/web, served by the API at `/` (see apps/api/src/web/web-static.ts). */
export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [react()],
  // The API's contracts (libs/contracts): its TypeBox schemas and typed client are bundled, its types vanish at build.
  resolve: { alias: { '@budgetflow/contracts': path.resolve(__dirname, '../../libs/contracts/src') } },
  logLevel: 'warn',
  build: {
    outDir: path.resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` during development: the API runs on :3000.
    proxy: { '/v1': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
