import { CATCHING_UP, planChangeSeen } from './plan-watch';

describe('planChangeSeen', () => {
  const caughtUp = { readThrough: 1_000n, newest: 1_002n, version: 3, revision: '7', settings: 2 };

  it('given a first look at a caught-up plan, reconciles', () => {
    expect(planChangeSeen(caughtUp, undefined)).toBeDefined();
  });

  it('given the same plan and lead times, does not reconcile however far the checkpoint moved', () => {
    const seen = planChangeSeen(caughtUp, undefined);
    expect(planChangeSeen({ ...caughtUp, readThrough: 90_000n, newest: 90_000n }, seen)).toBeUndefined();
  });

  it('given a new revision, a switched version or new lead times, reconciles', () => {
    const seen = planChangeSeen(caughtUp, undefined);
    expect(planChangeSeen({ ...caughtUp, revision: '8' }, seen)).toBeDefined();
    expect(planChangeSeen({ ...caughtUp, version: 4, revision: '1' }, seen)).toBeDefined();
    expect(planChangeSeen({ ...caughtUp, settings: 3 }, seen)).toBeDefined();
  });

  it('given a plan projection catching up, waits, and reconciles once it has arrived', () => {
    const seen = planChangeSeen(caughtUp, undefined);
    const rebuilding = { ...caughtUp, readThrough: 10_000n, newest: 10_000n + CATCHING_UP + 1n, revision: '40' };
    expect(planChangeSeen(rebuilding, seen)).toBeUndefined();
    expect(planChangeSeen({ ...rebuilding, readThrough: rebuilding.newest }, seen)).toBeDefined();
  });

  it('given a plan projection not set up yet, reconciles on the first look (the planner then finds it not ready)', () => {
    expect(planChangeSeen({ settings: 0 }, undefined)).toBeDefined();
  });
});
