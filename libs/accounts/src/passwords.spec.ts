import { hashPassword, oneTimePassword, passwordMatches, passwordProblems } from './passwords';

describe('passwords', () => {
  it('hashes with Argon2id (salted: the same password twice gives two hashes) and verifies', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(await passwordMatches(first, 'correct horse battery')).toBe(true);
    expect(await passwordMatches(first, 'correct horse batterz')).toBe(false);
    expect(await passwordMatches('not a hash', 'anything')).toBe(false);
  });

  it('makes one-time passwords at random, never the same twice', () => {
    const passwords = new Set(Array.from({ length: 200 }, oneTimePassword));
    expect(passwords.size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(?:-[A-HJ-NP-Za-km-z2-9]{4}){3}$/);
  });

  it.each([
    ['short', 'PASSWORD_TOO_SHORT'],
    ['x'.repeat(129), 'PASSWORD_TOO_LONG'],
    ['my-li.na-password', 'PASSWORD_CONTAINS_LOGIN'],
    ['aaaaabbbbbaaaa', 'PASSWORD_TOO_SIMPLE'],
  ])('refuses %s as %s', (password, code) => {
    expect(passwordProblems('newPassword', password, 'li.na')).toEqual([expect.objectContaining({ field: 'newPassword', code })]);
  });

  it('accepts a long enough password of the user’s own', () => {
    expect(passwordProblems('newPassword', 'qingshui-river-2024', 'li.na')).toEqual([]);
  });
});
