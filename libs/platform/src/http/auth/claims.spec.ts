import { claimAt, roleFrom } from './claims';

describe('claims that carry role and department', () => {
  it('reads a top-level claim, a claim whose name has dots, and a dotted path into nested claims', () => {
    const claims = { role: 'finance', 'https://county.example/role': 'supervisor', realm_access: { roles: ['offline_access', 'department'] } };
    expect(claimAt(claims, 'role')).toBe('finance');
    expect(claimAt(claims, 'https://county.example/role')).toBe('supervisor');
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['offline_access', 'department']);
    expect(claimAt(claims, 'realm_access.missing')).toBeUndefined();
    expect(claimAt(claims, 'role.length')).toBeUndefined();
    expect(claimAt(claims, '__proto__.constructor')).toBeUndefined();
  });

  it.each([
    ['finance', 'finance'],
    [['uma_authorization', 'department'], 'department'],
    [['department', 'department'], 'department'],
    ['mayor', undefined],
    ['Finance', undefined],
    [['finance', 'admin'], undefined],
    [[], undefined],
    [{ role: 'admin' }, undefined],
    [undefined, undefined],
  ])('%j names the role %s', (value, role) => {
    expect(roleFrom(value)).toBe(role);
  });
});
