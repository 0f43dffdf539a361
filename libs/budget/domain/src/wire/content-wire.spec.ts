import { sameJson } from './content-wire';

describe('sameJson', () => {
  it('ignores the order of object keys at any depth (jsonb reorders them)', () => {
    expect(sameJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } }, { a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 })).toBe(true);
  });
  it('still sees different values and array order', () => {
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
  });
});
