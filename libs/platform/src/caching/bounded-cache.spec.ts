import { BoundedCache, memoCache } from './bounded-cache';

describe('BoundedCache', () => {
  it('given entries of weight 1, keeps the most recently used up to the bound', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // 'a' is now the most recent
    cache.set('c', 4); // drops 'b', the least recent
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([3, undefined, 4, 2]);
  });

  it('given weighed entries, drops the least recent until the total fits', () => {
    const cache = new BoundedCache<{ items: number }>(10, (value) => value.items);
    cache.set('small', { items: 2 });
    cache.set('medium', { items: 5 });
    cache.set('large', { items: 6 }); // 13 > 10: 'small' goes (11), then 'medium' (6)
    expect([cache.get('small'), cache.get('medium'), cache.get('large')]).toEqual([undefined, undefined, { items: 6 }]);
    cache.set('large', { items: 1 }); // replacing an entry counts only its new weight
    cache.set('other', { items: 9 });
    expect([cache.get('large'), cache.get('other'), cache.size]).toEqual([{ items: 1 }, { items: 9 }, 2]);
  });

  it('does not keep a value heavier than the whole bound, and answers it all the same', () => {
    const cache = new BoundedCache<{ items: number }>(10, (value) => value.items);
    cache.set('kept', { items: 3 });
    const heavy = { items: 11 };
    expect(cache.set('heavy', heavy)).toBe(heavy);
    expect([cache.get('heavy'), cache.get('kept')]).toEqual([undefined, { items: 3 }]);
  });
});

describe('memoCache', () => {
  it('keeps one cache per key in a projection memo, and a cleared memo starts a new one', () => {
    const memo = new Map<string, unknown>();
    const first = memoCache<number>(memo, 'folds', 5);
    first.set('stream-1', 1);
    expect(memoCache<number>(memo, 'folds', 5)).toBe(first);
    expect(memoCache<number>(memo, 'other', 5)).not.toBe(first);
    memo.clear(); // the runner takes the lead again
    expect(memoCache<number>(memo, 'folds', 5).get('stream-1')).toBeUndefined();
  });
});
