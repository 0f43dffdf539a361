import type { TestApp, TestResponse } from '../../support/test-app';
import { loadBudgetFacts } from '../../support/guantao-fixture';
import { CALLERS, type Caller, DEPARTMENT, OTHER_DEPARTMENT, YEAR } from '../authorization-matrix';

/** A bearer token per kind of caller (undefined for anonymous). */
export async function callerTokens(t: TestApp): Promise<Record<Caller, string | undefined>> {
  return {
    departmentOwn: await t.token('department', DEPARTMENT, `clerk-${DEPARTMENT}`),
    departmentOther: await t.token('department', OTHER_DEPARTMENT, `clerk-${OTHER_DEPARTMENT}`),
    finance: await t.token('finance', undefined, 'finance-zhang'),
    supervisor: await t.token('supervisor', undefined, 'supervisor-li'),
    admin: await t.token('admin', undefined, 'admin-wang'),
    anonymous: undefined,
  };
}
export { CALLERS };

const expectStatus = (response: TestResponse, status: number, what: string): void => {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text.slice(0, 300)}`);
};

/** The fixture budget of department 501 imported (drafting). */
export async function importFixture(t: TestApp, tokens: Record<Caller, string | undefined>): Promise<void> {
  expectStatus(await t.request('POST', `/v1/budgets/${DEPARTMENT}/${YEAR}/import`, { token: tokens.departmentOwn, body: loadBudgetFacts() }), 200, 'import');
}

/** …then submitted, approved as version 1 and published: the state in which published reads are public. */
export async function publishFixture(t: TestApp, tokens: Record<Caller, string | undefined>): Promise<void> {
  await importFixture(t, tokens);
  const b = `/v1/budgets/${DEPARTMENT}/${YEAR}`;
  expectStatus(await t.request('POST', `${b}/submit`, { token: tokens.departmentOwn }), 200, 'submit');
  expectStatus(await t.request('POST', `${b}/approve`, { token: tokens.finance }), 200, 'approve');
  expectStatus(await t.request('POST', `${b}/versions/1/publish`, { token: tokens.finance }), 200, 'publish');
}
