import { AsyncMutex } from '../sql/async-mutex';
import type { SqlClient, SqlSession } from '../sql/sql-client';

/**
 * Session-level advisory locks on one dedicated connection: a projection is led by whoever holds its
 * lock, and the lock goes away with the connection, so a dead leader's projection is free for the next
 * runner's retry. On PGlite (one connection, one process) the lock is trivially held.
 */
export class LeaderLocks {
  private session: SqlSession | undefined;
  private opening: Promise<SqlSession> | undefined;
  private readonly held = new Set<string>();
  private lastCheck = 0;
  /** One statement at a time on the session: every projection's loop asks it, and a pg client must not be queried concurrently. */
  private readonly mutex = new AsyncMutex();

  constructor(
    private readonly sql: SqlClient,
    private readonly checkEveryMs: number,
  ) {}

  private key(name: string): string {
    return `budgetflow.projection:${this.sql.schema}:${name}`;
  }

  private async currentSession(): Promise<SqlSession> {
    if (this.session?.lost) {
      // Every lock went with the connection.
      this.held.clear();
      this.session = undefined;
    }
    if (this.session) return this.session;
    this.opening ??= this.sql.session().finally(() => (this.opening = undefined));
    this.session = await this.opening;
    return this.session;
  }

  holds(name: string): boolean {
    return this.held.has(name) && !this.session?.lost;
  }

  /** Tries to take (or confirms) the lock; never waits for another holder. */
  tryAcquire(name: string): Promise<boolean> {
    return this.mutex.run(() => this.tryAcquireNow(name));
  }

  private async tryAcquireNow(name: string): Promise<boolean> {
    const session = await this.currentSession();
    if (this.held.has(name)) {
      if (Date.now() - this.lastCheck >= this.checkEveryMs) {
        try {
          await session.query('SELECT 1');
          this.lastCheck = Date.now();
        } catch (error) {
          this.held.clear();
          throw error;
        }
      }
      return this.holds(name);
    }
    const { rows } = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [this.key(name)]);
    if (rows[0]?.ok) this.held.add(name);
    return this.held.has(name);
  }

  release(name: string): Promise<void> {
    return this.mutex.run(async () => {
      if (!this.held.delete(name) || !this.session || this.session.lost) return;
      await this.session.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.key(name)]).catch(() => undefined);
    });
  }

  async close(): Promise<void> {
    this.held.clear();
    const session = this.session ?? (await this.opening?.catch(() => undefined));
    this.session = undefined;
    await session?.release();
  }
}
