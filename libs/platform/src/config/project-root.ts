import { existsSync } from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * The project's top folder (the one holding `package.json` and `infra/`), found from this file's location
 * so that it works from the TypeScript sources, from `dist/` and from a container image alike.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'infra', 'migrations')) && existsSync(path.join(dir, 'package.json'))) return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root (infra/migrations) above ${__dirname}`);
    dir = parent;
  }
}

export const projectPath = (...segments: string[]): string => path.join(projectRoot(), ...segments);
