import { PostgresEventStore } from '@budgetflow/event-store';
import { createPgliteTestDatabase, createTestSchema } from '@budgetflow/testing';

const meta = { userId: 'u1', role: 'admin' as const, correlationId: 'c1', recordedAt: '2024-01-01T00:00:00.000Z' };

it.each(['pg', 'pglite'])('smoke %s', async (kind) => {
  const db = kind === 'pg' ? await createTestSchema() : await createPgliteTestDatabase();
  const store = new PostgresEventStore(db.sql);
  const r = await store.append('s-1', [{ type: 'A', data: { x: 1 } }, { type: 'B', data: { y: 'z' } }], 'no-stream', meta);
  console.log(kind, r);
  console.log(await store.readStream('s-1'));
  console.log(await store.readAll());
  console.log(await store.head(), await store.streamVersion('s-1'));
  await expect(store.append('s-1', [{ type: 'A', data: {} }], 0, meta)).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 2 });
  await store.close();
  await db.drop();
});
