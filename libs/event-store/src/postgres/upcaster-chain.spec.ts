import { UpcasterChain } from './upcaster-chain';

describe('UpcasterChain', () => {
  it('chains upcasters until no more apply', () => {
    const chain = new UpcasterChain([
      { type: 'T', fromVersion: 1, upcast: (d) => ({ typeVersion: 2, data: { v2: d } }) },
      { type: 'T', fromVersion: 2, upcast: (d) => ({ typeVersion: 4, data: { v4: d } }) },
    ]);
    expect(chain.upcast('T', 1, 'x')).toEqual({ typeVersion: 4, data: { v4: { v2: 'x' } } });
    expect(chain.upcast('T', 4, 'y')).toEqual({ typeVersion: 4, data: 'y' });
    expect(chain.upcast('Other', 1, 'z')).toEqual({ typeVersion: 1, data: 'z' });
  });

  it('rejects duplicates and upcasters that do not move forward', () => {
    const chain = new UpcasterChain([{ type: 'T', fromVersion: 1, upcast: (d) => ({ typeVersion: 1, data: d }) }]);
    expect(() => chain.register({ type: 'T', fromVersion: 1, upcast: (d) => ({ typeVersion: 2, data: d }) })).toThrow(/already registered/);
    expect(() => chain.upcast('T', 1, {})).toThrow(/must raise typeVersion/);
  });
});
