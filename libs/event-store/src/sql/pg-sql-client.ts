import { Client, Pool, types as pgTypes, type ClientConfig, type CustomTypesConfig, type PoolClient } from 'pg';
import { StoreUnavailableError } from '../errors';
import { mapSqlError, withSqlErrors } from './map-sql-error';
import { TransactionClient, assertIdentifier, type QueryOptions, type SqlClient, type SqlResult, type SqlSession, type TransactionOptions } from './sql-client';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PgSqlClientOptions {
  /** Defaults to `DATABASE_URL`, then a local trust-auth Postgres. */
  connectionString?: string;
  schema?: string;
  /** Pool size; default 10. */
  max?: number;
  /** Kills a session idle inside a transaction, so it cannot hold back every commit-safe reader; default 30 s. */
  idleInTransactionTimeoutMs?: number;
  connectionTimeoutMs?: number;
  applicationName?: string;
}

const INT8_OID = 20;
const XID8_OID = 5069;

/** int8/xid8 as bigint (pg's default is a string); everything else as pg does by default. */
const TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === XID8_OID) return (value: string) => BigInt(value);
    return format === 'binary' ? pgTypes.getTypeParser(oid, 'binary') : pgTypes.getTypeParser(oid, 'text');
  }) as CustomTypesConfig['getTypeParser'],
};

type PgQueryable = Pick<PoolClient, 'query'>;

const runQuery = <T>(target: PgQueryable | Pool, text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>> =>
  withSqlErrors(async () => {
    const values = params ? [...params] : undefined;
    const result = options?.name ? await target.query({ name: options.name, text, values }) : await target.query(text, values);
    return { rows: result.rows as T[] };
  });

class PgSession implements SqlSession {
  lost = false;
  constructor(private readonly client: Client) {
    client.on('error', () => (this.lost = true));
    client.on('end', () => (this.lost = true));
  }
  async query<T>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>> {
    try {
      return await runQuery<T>(this.client, text, params, options);
    } catch (error) {
      if (mapSqlError(error) !== error) this.lost = true;
      throw error;
    }
  }
  async release(): Promise<void> {
    this.lost = true;
    await this.client.end().catch(() => undefined);
  }
}

/** `SqlClient` over a pg Pool; every connection starts with the schema as search_path. */
export class PgSqlClient implements SqlClient {
  readonly kind = 'pg' as const;
  readonly schema: string;
  private readonly pool: Pool;
  private readonly config: ClientConfig;
  private readonly dedicated = new Set<Client>();
  private closed = false;
  private notifyClient: Promise<Client> | undefined;

  constructor(options: PgSqlClientOptions = {}) {
    this.schema = assertIdentifier(options.schema ?? 'public', 'schema name');
    const idle = options.idleInTransactionTimeoutMs ?? 30_000;
    this.config = {
      connectionString: options.connectionString ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
      // Startup parameters cost no extra round trip, unlike a SET on every checkout.
      options: `-c search_path=${this.schema} -c idle_in_transaction_session_timeout=${idle}`,
      application_name: options.applicationName ?? 'budgetflow',
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      types: TYPES,
    };
    this.pool = new Pool({ ...this.config, max: options.max ?? 10 });
    // An idle pooled connection dying (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  query<T>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<SqlResult<T>> {
    return runQuery<T>(this.pool, text, params, options);
  }

  async exec(script: string): Promise<void> {
    await runQuery(this.pool, script);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await withSqlErrors(() => this.pool.connect());
    let broken: Error | undefined;
    // A checked-out client whose socket dies emits 'error' outside any query; unhandled, it would crash the process.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      // One simple-protocol round trip for both statements.
      await runQuery(client, options.synchronousCommit === false ? 'BEGIN; SET LOCAL synchronous_commit TO off' : 'BEGIN');
      // A transaction bound to one pooled connection; LISTEN and sessions take connections of their own.
      const tx = new TransactionClient('pg', this.schema, {
        query: (text, params, queryOptions) => runQuery(client, text, params, queryOptions),
        exec: async (script) => {
          await runQuery(client, script);
        },
        listen: (channel, onNotify) => this.listen(channel, onNotify),
        session: () => this.session(),
      });
      const result = await fn(tx);
      await runQuery(client, 'COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: destroy it instead of returning it to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw mapSqlError(error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  private async connectDedicated(): Promise<Client> {
    if (this.closed) throw new StoreUnavailableError('The SQL client is closed');
    const client = new Client(this.config);
    client.on('error', () => undefined);
    await withSqlErrors(() => client.connect());
    this.dedicated.add(client);
    client.on('end', () => this.dedicated.delete(client));
    return client;
  }

  async session(): Promise<SqlSession> {
    return new PgSession(await this.connectDedicated());
  }

  /**
   * LISTEN on a dedicated connection; if it drops, reconnects every second until unlistened,
   * calling `onNotify('')` after a reconnect so the listener re-reads anything missed meanwhile.
   */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const name = assertIdentifier(channel, 'channel name');
    let stopped = false;
    let current: Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const client = await this.connectDedicated();
      client.on('notification', (message) => onNotify(message.payload ?? ''));
      client.on('error', () => scheduleReconnect(client));
      client.on('end', () => scheduleReconnect(client));
      await client.query(`LISTEN "${name}"`);
      current = client;
    };
    const scheduleReconnect = (client: Client): void => {
      if (stopped || current !== client || retry) return;
      current = undefined;
      client.end().catch(() => undefined);
      const attempt = (): void => {
        retry = undefined;
        if (stopped || this.closed) return;
        connect().then(
          () => onNotify(''),
          () => (retry = setTimeout(attempt, 1_000)),
        );
      };
      retry = setTimeout(attempt, 1_000);
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const client = current;
      current = undefined;
      if (client) await client.end().catch(() => undefined);
    };
  }

  /**
   * One round trip on a dedicated connection with synchronous_commit off: a NOTIFY transaction holds
   * Postgres's global notify lock until its commit is flushed, so it must not wait for the disk.
   */
  async notify(channel: string, payload = ''): Promise<void> {
    const name = assertIdentifier(channel, 'channel name');
    this.notifyClient ??= this.connectDedicated().then(async (client) => {
      client.on('error', () => (this.notifyClient = undefined));
      client.on('end', () => (this.notifyClient = undefined));
      await client.query('SET synchronous_commit TO off');
      return client;
    });
    const pending = this.notifyClient;
    try {
      await runQuery(await pending, 'SELECT pg_notify($1, $2)', [name, payload]);
    } catch (error) {
      if (this.notifyClient === pending) this.notifyClient = undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.dedicated].map((client) => client.end().catch(() => undefined)));
    await this.pool.end();
  }
}
