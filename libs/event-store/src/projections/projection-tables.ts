import { assertIdentifier, quoteIdent, type SqlClient, type SqlQueryable } from '../sql/sql-client';
import { ProjectionNotReadyError } from '../errors';

export function tableSuffix(version: number): string {
  return `_v${version}`;
}

/** Physical table name of `base` for a projection version. */
export function versionedTableName(base: string, version: number): string {
  return assertIdentifier(`${assertIdentifier(base, 'table name')}${tableSuffix(version)}`, 'table name');
}

/** Checkpoints are kept per projection version, so a rebuild does not disturb the serving version's. */
export function checkpointKey(name: string, version: number): string {
  return `${name}@v${version}`;
}

export async function activeVersion(sql: SqlQueryable, projection: string): Promise<number | undefined> {
  const { rows } = await sql.query<{ active_version: number }>('SELECT active_version FROM projection_versions WHERE name = $1', [projection]);
  return rows[0]?.active_version;
}

/**
 * "What table do I query for projection X?" — the active version's physical table.
 * (Each base name is also a view on the active table, so plain `SELECT … FROM <base>` works too.)
 */
export async function activeTableName(sql: SqlQueryable, projection: string, base: string): Promise<string> {
  const version = await activeVersion(sql, projection);
  if (version === undefined) throw new ProjectionNotReadyError(projection);
  return versionedTableName(base, version);
}

/** Points the view `<base>` at `<base>_v<version>` (drop + create: the columns may differ between versions). */
export async function pointViews(tx: SqlClient, tables: readonly string[], version: number): Promise<void> {
  for (const base of tables) {
    await tx.exec(`DROP VIEW IF EXISTS ${quoteIdent(base)}; CREATE VIEW ${quoteIdent(base)} AS SELECT * FROM ${quoteIdent(versionedTableName(base, version))}`);
  }
}

export async function dropVersionTables(tx: SqlClient, tables: readonly string[], version: number): Promise<void> {
  for (const base of tables) await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(versionedTableName(base, version))} CASCADE`);
}
