import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, PgSqlClient, PgliteSqlClient, runMigrations, type SqlClient } from '@budgetflow/event-store';

export interface TestDatabase<C extends SqlClient = SqlClient> {
  sql: C;
  schema: string;
  /** Drops what the helper created and closes the client. */
  drop(): Promise<void>;
}

export interface TestSchemaOptions {
  /** Prefix of the generated schema name; default `t`. */
  prefix?: string;
  /** Pool size; default 10. */
  max?: number;
  /** Skip migrations (e.g. to test the migration runner itself). */
  migrate?: boolean;
}

export function testDatabaseUrl(): string {
  return process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
}

export function uniqueSchemaName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A fresh, uniquely named, migrated schema on the real Postgres at `DATABASE_URL`. */
export async function createTestSchema(options: TestSchemaOptions = {}): Promise<TestDatabase<PgSqlClient>> {
  const schema = uniqueSchemaName(options.prefix ?? 't');
  const sql = new PgSqlClient({ connectionString: testDatabaseUrl(), schema, max: options.max ?? 10, applicationName: `test:${schema}` });
  try {
    if (options.migrate === false) await sql.exec(`CREATE SCHEMA "${schema}"`);
    else await runMigrations(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return {
    sql,
    schema,
    drop: async () => {
      try {
        await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.close();
      }
    },
  };
}

/** The in-process equivalent: an in-memory PGlite, migrated. */
export async function createPgliteTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase<PgliteSqlClient>> {
  const sql = await PgliteSqlClient.create();
  if (options.migrate !== false) await runMigrations(sql);
  return { sql, schema: sql.schema, drop: () => sql.close() };
}
