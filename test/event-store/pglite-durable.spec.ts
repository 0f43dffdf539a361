import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteSqlClient, PostgresEventStore, createSqlClient, runMigrations } from '@budgetflow/event-store';
import { metadata } from './event-store.contract';

it('PGlite in a data directory keeps events across restarts', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'bf-pglite-')), 'db');
  const first = await createSqlClient({ kind: 'pglite', dataDir });
  await runMigrations(first);
  const store = new PostgresEventStore(first, { ownsClient: true });
  await store.append('durable', [{ type: 'Kept', data: { n: 1 } }], 'no-stream', metadata());
  await store.close();

  const again = await PgliteSqlClient.create({ dataDir });
  try {
    expect(await runMigrations(again)).toEqual([]);
    const reopened = new PostgresEventStore(again);
    expect((await reopened.readStream('durable')).map((e) => e.data)).toEqual([{ n: 1 }]);
    await reopened.close();
  } finally {
    await again.close();
  }
});
