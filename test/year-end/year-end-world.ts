import type { TestApp, TestResponse } from '../support/test-app';
import { budgetUrl } from '../execution/execution-world';

/** A basic line of the approved fixture: id, economic code, amount (元, decimal string). */
export interface FixtureLine {
  lineId: string;
  economicCode: string;
  amount: string;
}

export async function approvedLines(t: TestApp, department: string): Promise<FixtureLine[]> {
  const budget = await t.request('GET', `${budgetUrl(department)}?version=approved`, { token: await t.token('finance') });
  return budget.body.content.basicExpenditureLines.map((l: FixtureLine) => ({ lineId: l.lineId, economicCode: l.economicCode, amount: l.amount }));
}

/** Fails the test with the answer's text when the status is not the expected one. */
export const expectStatus = (response: TestResponse, status: number): TestResponse => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
  return response;
};
