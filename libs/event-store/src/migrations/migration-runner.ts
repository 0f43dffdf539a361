import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from '../sql/sql-client';
import { quoteIdent } from '../sql/sql-client';
import { findMigrationsDir } from './find-migrations-dir';

export interface Migration {
  /** The four-digit prefix, e.g. `0001`. */
  version: string;
  /** The file name, e.g. `0001_event_store.sql`. */
  name: string;
  sql: string;
}

export interface MigrateOptions {
  /** Defaults to `findMigrationsDir()`. */
  directory?: string;
}

const MIGRATION_FILE = /^(\d{4})_[A-Za-z0-9_.-]+\.sql$/;

/** Every `NNNN_*.sql` file of the folder, in version order; a duplicated version is an error. */
export function loadMigrations(directory: string = findMigrationsDir()): Migration[] {
  const migrations = readdirSync(directory)
    .map((name) => ({ name, match: MIGRATION_FILE.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({ version: match[1] ?? '', name, sql: readFileSync(join(directory, name), 'utf8') }))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      throw new Error(`Two migrations share version ${migrations[i]?.version}: ${migrations[i - 1]?.name}, ${migrations[i]?.name}`);
    }
  }
  return migrations;
}

/**
 * Applies the unapplied migrations in order, all in one transaction, recorded in `schema_migrations`.
 * A transaction-scoped advisory lock per schema makes concurrent starts wait for each other instead of racing.
 * Returns the names of the files applied now.
 */
export async function runMigrations(sql: SqlClient, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = loadMigrations(options.directory ?? findMigrationsDir());
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`budgetflow.migrations:${sql.schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(sql.schema)}`);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      appliedNow.push(migration.name);
    }
    return appliedNow;
  });
}
