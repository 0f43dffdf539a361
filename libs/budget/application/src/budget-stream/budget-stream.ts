import type { SqlQueryable } from '@budgetflow/event-store';

/** The events of one budget stream up to `throughVersion`, in order, for projections folding inside their batch. */
export async function readBudgetEvents(sql: SqlQueryable, streamId: string, throughVersion: number): Promise<{ type: string; data: unknown }[]> {
  const { rows } = await sql.query<{ type: string; data: unknown }>(
    'SELECT type, data FROM events WHERE stream_id = $1 AND stream_version <= $2 ORDER BY stream_version',
    [streamId, throughVersion],
  );
  return rows;
}
