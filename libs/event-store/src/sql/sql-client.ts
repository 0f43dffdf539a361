/**
 * The narrow SQL surface the event store and projections need. Two implementations (pg Pool, PGlite)
 * run exactly the same SQL text, so everything above this interface is backend-neutral.
 *
 * Type conventions (identical on both backends): int8 and xid8 come back as JS `bigint`, numeric as a
 * decimal string, json/jsonb parsed, timestamptz as `Date`.
 */
export type SqlRow = Record<string, unknown>;

export interface SqlResult<T> {
  rows: T[];
}

export interface QueryOptions {
  /**
   * Prepare once per connection under this name (pg); the text of a name must never change.
   * Saves parsing and planning on hot statements such as the append. Ignored by PGlite.
   */
  name?: string;
}

export interface TransactionOptions {
  /**
   * `false`: COMMIT does not wait for the WAL flush (`SET LOCAL synchronous_commit TO off`, sent with BEGIN in
   * the same round trip). Only for data that can be rebuilt, such as read models with their checkpoint.
   */
  synchronousCommit?: boolean;
}

export interface SqlQueryable {
  /** One statement with `$n` parameters. */
  query<T = SqlRow>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>>;
}

/** A dedicated connection (session), e.g. for session-level advisory locks. */
export interface SqlSession extends SqlQueryable {
  /** True once the underlying connection has failed; locks held on it are gone. */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  readonly kind: 'pg' | 'pglite';
  /** The schema every unqualified name resolves to (search_path). */
  readonly schema: string;
  /** A multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws.
   * Calling `transaction` on the `tx` handle joins the running transaction (no savepoint).
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** LISTEN on a channel (lower-case name); resolves to an unlisten function. */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * NOTIFY outside any transaction, durability not needed (a wake-up, not data). Optional: without it
   * listeners in other processes rely on polling.
   */
  notify?(channel: string, payload?: string): Promise<void>;
  /** A dedicated session (its own connection on pg; the single shared one on PGlite). */
  session(): Promise<SqlSession>;
  close(): Promise<void>;
}

/** How a transaction's statements run on its one connection, and what a session or a LISTEN is meanwhile. */
export interface TransactionConnection {
  query<T>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>>;
  exec(script: string): Promise<void>;
  session(): Promise<SqlSession>;
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * The `tx` handle inside `transaction(fn)`, on either backend: statements on the transaction's one connection, a
 * nested `transaction` joins it, and it cannot be closed. The backend says how a statement runs and what a session is.
 */
export class TransactionClient implements SqlClient {
  readonly listen?: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;

  constructor(
    readonly kind: SqlClient['kind'],
    readonly schema: string,
    private readonly connection: TransactionConnection,
  ) {
    if (connection.listen) this.listen = (channel, onNotify) => connection.listen!(channel, onNotify);
  }
  query<T = SqlRow>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>> {
    return this.connection.query<T>(text, params, options);
  }
  exec(script: string): Promise<void> {
    return this.connection.exec(script);
  }
  session(): Promise<SqlSession> {
    return this.connection.session();
  }
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return fn(this);
  }
  async close(): Promise<void> {
    throw new Error('close() is not available inside a transaction');
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema and table names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function assertIdentifier(name: string, what = 'identifier'): string {
  if (!SCHEMA_NAME.test(name)) throw new Error(`Invalid ${what} "${name}": use [a-z_][a-z0-9_]*`);
  return name;
}

export function quoteIdent(name: string): string {
  return `"${assertIdentifier(name)}"`;
}
