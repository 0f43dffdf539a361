import { Decimal } from 'decimal.js';
import type { BasicExpenditureLine } from './budget-content';
import { appendBasicLine, basicLineIndex, basicLineKey } from './basic-line-index';

const line = (lineId: string, economicCode = '30201'): BasicExpenditureLine => ({
  lineId,
  functionalCode: '2013201',
  economicCode,
  fundSource: '一般公共预算拨款',
  amount: new Decimal('100.00'),
});

describe('basic line index', () => {
  it('finds lines by id and by table key', () => {
    const lines = [line('a'), line('b', '30202')];
    const index = basicLineIndex(lines);
    expect(index.byId.get('b')).toBe(lines[1]);
    expect(index.byKey.get(basicLineKey(line('x', '30202')))).toBe('b');
    expect(index.byId.get('c')).toBeUndefined();
  });

  it('hands the index over on append and keeps the older array right', () => {
    const first = [line('a')];
    basicLineIndex(first); // memoised
    const second = appendBasicLine(first, line('b', '30202'));
    const third = appendBasicLine(second, line('c', '30203'));
    expect([...basicLineIndex(third).byId.keys()]).toEqual(['a', 'b', 'c']);
    // The older arrays lost their memo to the newer ones: asked again, they answer for their own lines only.
    expect([...basicLineIndex(first).byId.keys()]).toEqual(['a']);
    expect([...basicLineIndex(second).byId.keys()]).toEqual(['a', 'b']);
    expect(first).toHaveLength(1);
  });

  it('an array built without the index gets a fresh one', () => {
    const lines = [line('a'), line('b', '30202')].filter((l) => l.lineId !== 'a');
    expect([...basicLineIndex(lines).byId.keys()]).toEqual(['b']);
    expect(basicLineIndex(lines).byKey.has(basicLineKey(line('a')))).toBe(false);
  });
});
