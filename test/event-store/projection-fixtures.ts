import type { Projection, RecordedEvent, SqlClient } from '@budgetflow/event-store';

/** A read model counting events and summing `data.amount` per stream; `factor` distinguishes versions. */
export function countingProjection(options: {
  name?: string;
  version?: number;
  factor?: number;
  beforeCommit?: (tx: SqlClient, events: readonly RecordedEvent[]) => Promise<void>;
}): Projection {
  const factor = options.factor ?? 1;
  return {
    name: options.name ?? 'stream_totals',
    version: options.version ?? 1,
    tables: ['stream_totals'],
    setup: async (tx, suffix) => {
      await tx.exec(`CREATE TABLE stream_totals${suffix} (stream_id text PRIMARY KEY, events integer NOT NULL, total numeric NOT NULL)`);
    },
    apply: async (tx, events, ctx) => {
      for (const event of events) {
        const amount = Number((event.data as { amount?: number }).amount ?? 0) * factor;
        await tx.query(
          `INSERT INTO ${ctx.table('stream_totals')} AS t (stream_id, events, total) VALUES ($1, 1, $2)
             ON CONFLICT (stream_id) DO UPDATE SET events = t.events + 1, total = t.total + excluded.total`,
          [event.streamId, amount],
        );
      }
      await options.beforeCommit?.(tx, events);
    },
  };
}

export async function totals(sql: SqlClient, table = 'stream_totals'): Promise<{ events: number; total: string }> {
  const { rows } = await sql.query<{ events: bigint | null; total: string | null }>(`SELECT sum(events) AS events, sum(total) AS total FROM ${table}`);
  return { events: Number(rows[0]?.events ?? 0), total: String(rows[0]?.total ?? '0') };
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // A failing check (e.g. the read-model table not created yet) counts as "not yet".
  while (!(await Promise.resolve().then(check).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
