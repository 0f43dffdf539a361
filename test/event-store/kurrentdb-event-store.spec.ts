/**
 * The event store contract against KurrentDB, whenever one is reachable at KURRENTDB_URL
 * (e.g. `docker compose --profile kurrentdb up kurrentdb` and KURRENTDB_URL=kurrentdb://127.0.0.1:2113?tls=false).
 * Without one the whole suite is skipped — and says so.
 */
import { KurrentDbEventStore, isKurrentDbReachable } from '@budgetflow/event-store';
import { describeEventStoreContract } from './event-store.contract';

const url = process.env['KURRENTDB_URL'];

// Decided before jest collects the tests: a reachability probe in a child process keeps this synchronous.
function reachable(): boolean {
  if (!url) return false;
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process'); // eslint-disable-line @typescript-eslint/no-require-imports
  const probe = `const s=require('node:net').connect(${JSON.stringify(probeEndpoint(url))});s.setTimeout(1500,()=>process.exit(1));s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3_000 }).status === 0;
}

function probeEndpoint(connectionString: string): { host: string; port: number } {
  const match = /:\/\/(?:[^@/]*@)?([^,/?:]+)(?::(\d+))?/.exec(connectionString);
  return { host: match?.[1] ?? '127.0.0.1', port: Number(match?.[2] ?? 2113) };
}

if (reachable()) {
  describeEventStoreContract('KurrentDB', async () => {
    if (!(await isKurrentDbReachable(url!))) throw new Error(`KurrentDB at ${url} went away`);
    return {
      createStore: (options) => new KurrentDbEventStore({ connectionString: url!, upcasters: options?.upcasters }),
      dispose: async () => undefined, // streams are uniquely named per test; nothing to drop
    };
  });
} else {
  describe.skip(`EventStore contract: KurrentDB — SKIPPED, no KurrentDB reachable (KURRENTDB_URL=${url ?? 'unset'})`, () => {
    console.warn(
      `[kurrentdb] EventStore contract SKIPPED: ${url ? `nothing reachable at ${url}` : 'KURRENTDB_URL is not set'}. ` +
        'Start one with `docker compose --profile kurrentdb up -d kurrentdb` and set KURRENTDB_URL=kurrentdb://127.0.0.1:2113?tls=false.',
    );
    it('runs the contract suite against KurrentDB', () => undefined);
  });
}
