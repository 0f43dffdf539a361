import nodeModule from 'node:module';

type PgliteModule = typeof import('@electric-sql/pglite');

interface NodeModuleLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/**
 * Loads PGlite lazily (the WASM bundle is only needed in embedded mode).
 *
 * Under jest, modules run inside a vm sandbox where PGlite's internal `import('fs/promises')` fails
 * unless node runs with --experimental-vm-modules; loading it through Node's own loader keeps it outside
 * the sandbox. The parsers below make sure the values it returns are still created in the caller's realm.
 */
export function loadPglite(): PgliteModule {
  const path = require.resolve('@electric-sql/pglite');
  if (process.env['JEST_WORKER_ID'] !== undefined) {
    return (nodeModule as unknown as NodeModuleLoader)._load(path, null, false) as PgliteModule;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as PgliteModule;
}
