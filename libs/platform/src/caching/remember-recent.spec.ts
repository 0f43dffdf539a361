import { rememberRecent } from './remember-recent';

describe('rememberRecent', () => {
  it('keeps the most recently used entries up to the bound', () => {
    const map = new Map<string, number>();
    rememberRecent(map, 'a', 1, 2);
    rememberRecent(map, 'b', 2, 2);
    expect(rememberRecent(map, 'a', 3, 2)).toBe(3); // 'a' is now the most recent
    rememberRecent(map, 'c', 4, 2); // drops 'b', the least recent
    expect([...map.entries()]).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
  });
});
