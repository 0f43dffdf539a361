import { AsyncMutex } from './async-mutex';

describe('AsyncMutex', () => {
  it('runs critical sections one at a time, in order, and survives failures', async () => {
    const mutex = new AsyncMutex();
    const log: string[] = [];
    const section = (name: string, ms: number, fail = false) =>
      mutex.run(async () => {
        log.push(`${name}>`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`<${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([section('a', 30), section('b', 1, true), section('c', 5)]);
    expect(log).toEqual(['a>', '<a', 'b>', '<b', 'c>', '<c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
