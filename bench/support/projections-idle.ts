/**
 * Waits until every projection of a schema has applied every committed event. Benchmarks call it between the
 * service side and its plain reference: projection catch-up left over from the service side would otherwise
 * take CPU from the reference and flatter the ratio.
 */
import { PostgresEventStore, type SqlClient, projectionLag } from '@budgetflow/event-store';

/** Seconds it took until no projection was behind; throws after `timeoutMs`. */
export async function waitForProjectionsIdle(sql: SqlClient, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  // The benchmarks run the service on Postgres: its events are in this schema (a store only to measure lag).
  const store = new PostgresEventStore(sql);
  for (;;) {
    const { rows } = await sql.query<{ name: string }>('SELECT name FROM projection_versions');
    const lags = await Promise.all(rows.map((row) => projectionLag(sql, store, row.name)));
    const behind = lags.reduce((sum, lag) => sum + lag.eventsBehind, 0);
    if (behind === 0) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`projections still ${behind} events behind after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
