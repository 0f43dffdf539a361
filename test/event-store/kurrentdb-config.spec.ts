import { ConfigError, loadConfig } from '@budgetflow/platform';

describe('EVENT_STORE / KURRENTDB_URL configuration', () => {
  it('defaults to the Postgres event store', () => {
    expect(loadConfig({}).eventStore).toBe('postgres');
  });

  it('selects KurrentDB with a connection string', () => {
    const config = loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false', DATABASE_URL: 'postgres://db/budgetflow' });
    expect(config).toMatchObject({ eventStore: 'kurrentdb', kurrentdbUrl: 'kurrentdb://kurrentdb:2113?tls=false', databaseUrl: 'postgres://db/budgetflow' });
  });

  it('selects the in-memory store for tests (NODE_ENV=test) or with the explicit flag', () => {
    expect(loadConfig({ EVENT_STORE: 'memory', NODE_ENV: 'test' }).eventStore).toBe('memory');
    expect(loadConfig({ EVENT_STORE: 'memory', ALLOW_IN_MEMORY_EVENT_STORE: 'true' }).eventStore).toBe('memory');
  });

  it.each([
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_URL'],
    [{ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'http://kurrentdb:2113' }, 'KURRENTDB_URL'],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE'],
    // Events in memory vanish with the process: refused unless a test (or an explicit flag) asks for it.
    [{ EVENT_STORE: 'memory', NODE_ENV: 'production' }, 'EVENT_STORE=memory'],
    [{ EVENT_STORE: 'memory' }, 'EVENT_STORE=memory'],
    [{ EVENT_STORE: 'memory', ALLOW_IN_MEMORY_EVENT_STORE: 'false' }, 'EVENT_STORE=memory'],
  ])('%p stops the start naming %s', (env, variable) => {
    const error = (() => {
      try {
        loadConfig(env);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.some((problem) => problem.includes(variable))).toBe(true);
  });
});
