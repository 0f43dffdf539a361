import { ConfigError, loadConfig } from '@budgetflow/platform';

describe('EVENT_STORE / KURRENTDB_URL configuration', () => {
  it('defaults to the Postgres event store', () => {
    expect(loadConfig({}).eventStore).toBe('postgres');
  });

  it('selects KurrentDB with a connection string', () => {
    const config = loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false', DATABASE_URL: 'postgres://db/budgetflow' });
    expect(config).toMatchObject({ eventStore: 'kurrentdb', kurrentdbUrl: 'kurrentdb://kurrentdb:2113?tls=false', databaseUrl: 'postgres://db/budgetflow' });
  });

  it.each([
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_URL'],
    [{ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'http://kurrentdb:2113' }, 'KURRENTDB_URL'],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE'],
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
