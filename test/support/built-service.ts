import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';

/** The repository root (where `npm start` runs). */
export const root = path.resolve(__dirname, '..', '..');

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The service (and, with `console`, the web console) exactly as `npm run build` makes them. `npm test` builds once
 * and says so with WEB_E2E_BUILT=1, which reuses dist/ (a suite's own build would empty dist/web under another's feet).
 */
export function buildService({ console = false }: { console?: boolean } = {}): void {
  if (process.env['WEB_E2E_BUILT'] === '1') return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (!console) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
    // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
