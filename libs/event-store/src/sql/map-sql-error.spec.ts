import { StoreUnavailableError } from '../errors';
import { isUnavailableError, mapSqlError } from './map-sql-error';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('mapSqlError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '53300'])('%s means unavailable', (code) => {
    expect(mapSqlError(withCode(code))).toBeInstanceOf(StoreUnavailableError);
  });

  it('recognises pg messages without a code and aggregated connect errors', () => {
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isUnavailableError(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('leaves other errors alone', () => {
    const unique = withCode('23505');
    expect(mapSqlError(unique)).toBe(unique);
    const syntax = withCode('42601');
    expect(mapSqlError(syntax)).toBe(syntax);
  });
});
