import type { PGlite, Transaction } from '@electric-sql/pglite';
import { AsyncMutex } from './async-mutex';
import { loadPglite } from './load-pglite';
import { withSqlErrors } from './map-sql-error';
import { TransactionClient, assertIdentifier, type SqlClient, type SqlResult, type SqlSession, type TransactionOptions } from './sql-client';

export interface PgliteSqlClientOptions {
  /** A directory for durable data; in memory when absent. */
  dataDir?: string;
  schema?: string;
}

const INT8_OID = 20;
const XID8_OID = 5069;
const NUMERIC_OID = 1700;
const JSON_OID = 114;
const JSONB_OID = 3802;
const TIMESTAMPTZ_OID = 1184;

/**
 * Same JS types as the pg client: bigint for int8/xid8, decimal strings for numeric; json and
 * timestamptz parsed here so the objects belong to this module's realm (see load-pglite).
 */
const PARSERS = {
  [INT8_OID]: (value: string) => BigInt(value),
  [XID8_OID]: (value: string) => BigInt(value),
  [NUMERIC_OID]: (value: string) => value,
  [JSON_OID]: (value: string): unknown => JSON.parse(value),
  [JSONB_OID]: (value: string): unknown => JSON.parse(value),
  [TIMESTAMPTZ_OID]: (value: string) => new Date(value),
};

type PgliteQueryable = Pick<Transaction, 'query' | 'exec'>;

const runQuery = <T>(target: PgliteQueryable, text: string, params?: readonly unknown[]): Promise<SqlResult<T>> =>
  withSqlErrors(async () => {
    const result = await target.query<T>(text, params ? [...params] : undefined);
    // Copy into this realm's Array/Object (PGlite may live in another realm under jest, see load-pglite).
    return { rows: Array.from(result.rows, (row) => ({ ...row })) };
  });

/**
 * `SqlClient` over an in-process PGlite. PGlite has ONE connection: statements and transactions are
 * serialised through a mutex, so never call the top-level client from inside `transaction(fn)` (deadlock);
 * use the `tx` handle.
 */
export class PgliteSqlClient implements SqlClient {
  readonly kind = 'pglite' as const;
  private readonly mutex = new AsyncMutex();
  private closed = false;

  private constructor(
    private readonly db: PGlite,
    readonly schema: string,
  ) {}

  static async create(options: PgliteSqlClientOptions = {}): Promise<PgliteSqlClient> {
    const schema = assertIdentifier(options.schema ?? 'public', 'schema name');
    const { PGlite: PGliteClass } = loadPglite();
    const db = new PGliteClass(options.dataDir, { parsers: PARSERS });
    await db.waitReady;
    await db.exec(`SET search_path TO "${schema}"`);
    return new PgliteSqlClient(db, schema);
  }

  query<T>(text: string, params?: readonly unknown[]): Promise<SqlResult<T>> {
    return this.mutex.run(() => runQuery<T>(this.db, text, params));
  }

  async exec(script: string): Promise<void> {
    await this.mutex.run(() => this.db.exec(script));
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.mutex.run(() =>
      withSqlErrors(() =>
        this.db.transaction(async (tx) => {
          if (options.synchronousCommit === false) await tx.exec('SET LOCAL synchronous_commit TO off');
          return fn(
            new TransactionClient('pglite', this.schema, {
              query: (text, params) => runQuery(tx, text, params),
              exec: async (script) => {
                await tx.exec(script);
              },
              session: async () => {
                throw new Error('session() is not available inside a PGlite transaction (single connection)');
              },
            }),
          );
        }),
      ),
    );
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const name = assertIdentifier(channel, 'channel name');
    return this.mutex.run(async () => {
      const unlisten = await this.db.listen(name, onNotify);
      return () => this.mutex.run(() => unlisten());
    });
  }

  async notify(channel: string, payload = ''): Promise<void> {
    await this.query('SELECT pg_notify($1, $2)', [assertIdentifier(channel, 'channel name'), payload]);
  }

  /** The one connection, shared: session-level advisory locks are trivially held by this process. */
  async session(): Promise<SqlSession> {
    const lost = false;
    return {
      lost,
      query: <T>(text: string, params?: readonly unknown[]) => this.query<T>(text, params),
      release: async () => undefined,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.mutex.run(() => this.db.close());
  }
}
