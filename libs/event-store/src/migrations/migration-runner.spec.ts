import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSchema } from '@budgetflow/testing';
import { PgSqlClient } from '../sql/pg-sql-client';
import { PgliteSqlClient } from '../sql/pglite-sql-client';
import { findMigrationsDir } from './find-migrations-dir';
import { loadMigrations, runMigrations } from './migration-runner';

function tempMigrations(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bf-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('migrations', () => {
  it('finds infra/migrations by walking up, and honours an explicit start', () => {
    const dir = findMigrationsDir();
    expect(dir.endsWith(join('infra', 'migrations'))).toBe(true);
    expect(loadMigrations(dir)[0]?.name).toBe('0001_event_store.sql');
  });

  it('loads every NNNN_*.sql in order and ignores other files', () => {
    const dir = tempMigrations({ '0002_b.sql': 'SELECT 2', '0001_a.sql': 'SELECT 1', '0010_c.sql': 'SELECT 10', 'README.md': '', '12_bad.sql': '' });
    expect(loadMigrations(dir).map((m) => m.name)).toEqual(['0001_a.sql', '0002_b.sql', '0010_c.sql']);
  });

  it('rejects two files with one version', () => {
    const dir = tempMigrations({ '0001_a.sql': 'SELECT 1', '0001_b.sql': 'SELECT 1' });
    expect(() => loadMigrations(dir)).toThrow(/share version 0001/);
  });

  it('applies unapplied files once, in order, even when two processes start at once', async () => {
    const db = await createTestSchema({ migrate: false });
    const other = new PgSqlClient({ schema: db.schema, max: 2 });
    try {
      const dir = tempMigrations({
        '0001_a.sql': 'CREATE TABLE a (id int); INSERT INTO a VALUES (1);',
        '0002_b.sql': 'CREATE TABLE b (id int); INSERT INTO b SELECT id + 1 FROM a;',
      });
      const [one, two] = await Promise.all([runMigrations(db.sql, { directory: dir }), runMigrations(other, { directory: dir })]);
      expect([...one, ...two].sort()).toEqual(['0001_a.sql', '0002_b.sql']);
      expect(await runMigrations(db.sql, { directory: dir })).toEqual([]);

      // a file added later is picked up on the next start
      writeFileSync(join(dir, '0003_c.sql'), 'CREATE TABLE c (id int);');
      expect(await runMigrations(db.sql, { directory: dir })).toEqual(['0003_c.sql']);
      const { rows } = await db.sql.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(['0001', '0002', '0003']);
    } finally {
      await other.close();
      await db.drop();
    }
  });

  it('a failing migration rolls back the whole run', async () => {
    const db = await createTestSchema({ migrate: false });
    try {
      const dir = tempMigrations({ '0001_a.sql': 'CREATE TABLE a (id int);', '0002_bad.sql': 'CREATE TABLE oops (;' });
      await expect(runMigrations(db.sql, { directory: dir })).rejects.toThrow();
      const { rows } = await db.sql.query<{ t: string | null }>(`SELECT to_regclass('a')::text AS t`);
      expect(rows[0]?.t).toBeNull();
    } finally {
      await db.drop();
    }
  });

  it('the real migrations run on PGlite too', async () => {
    const sql = await PgliteSqlClient.create();
    try {
      expect(await runMigrations(sql)).toContain('0001_event_store.sql');
      expect(await runMigrations(sql)).toEqual([]);
    } finally {
      await sql.close();
    }
  });
});
