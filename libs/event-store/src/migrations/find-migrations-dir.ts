import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function walkUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'infra', 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Finds `infra/migrations` from ts sources, from compiled `dist/` and from a bundle copied elsewhere:
 * `BUDGETFLOW_MIGRATIONS_DIR` wins, then walking up from this file, then from the working directory.
 */
export function findMigrationsDir(start: string = __dirname): string {
  const fromEnv = process.env['BUDGETFLOW_MIGRATIONS_DIR'];
  if (fromEnv) return resolve(fromEnv);
  const found = walkUp(start) ?? walkUp(process.cwd());
  if (!found) throw new Error(`Cannot find infra/migrations above ${start} or ${process.cwd()}; pass the directory explicitly`);
  return found;
}
