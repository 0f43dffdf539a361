import { PgSqlClient, type PgSqlClientOptions } from './pg-sql-client';
import { PgliteSqlClient, type PgliteSqlClientOptions } from './pglite-sql-client';
import type { SqlClient } from './sql-client';

export type SqlClientConfig = ({ kind: 'pg' } & PgSqlClientOptions) | ({ kind: 'pglite' } & PgliteSqlClientOptions);

export async function createSqlClient(config: SqlClientConfig): Promise<SqlClient> {
  if (config.kind === 'pg') {
    const { kind: _kind, ...options } = config;
    return new PgSqlClient(options);
  }
  const { kind: _kind, ...options } = config;
  return PgliteSqlClient.create(options);
}
