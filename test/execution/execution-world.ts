import { Decimal } from '@budgetflow/budget-domain';
import { loadBudgetFacts } from '../support/guantao-fixture';
import type { TestApp } from '../support/test-app';

/** The fixture's projects (馆陶县信访局 2024), by the letters the execution specs use. */
export const PROJECTS = {
  /** 特殊疑难信访问题帮扶救助资金, 300.00 万元 */
  A: '13043324P00007810001C',
  /** 信访维稳救助基金, 50.00 万元 */
  B: '13043324P00007410001M',
  /** 驻京省等常态化信访维稳值班经费, 50.00 万元 */
  C: '13043324P000073100010',
  /** 信访维稳工作经费, 40.00 万元 (indicators 9人, 72.4万元) */
  D: '13043324P00007710001N',
  /** 律师陪访经费, 7.80 万元 */
  E: '13043324P000076100011',
  /** 群众工作中心运维经费, 4.00 万元 (indicators 8 个, 100 %, ≤60天, 5 万元, ≥95 %) */
  F: '13043324P00007510001B',
  /** 信访信息互联系统运维经费, 2.60 万元 */
  G: '13043324P000079100012',
} as const;

export const budgetUrl = (department: string) => `/v1/budgets/${department}/2024`;
export const executionUrl = (department: string) => `/v1/execution/${department}/2024`;

/** Imports the fixture as `department` (501 as is, others renamed) and, unless `approve` is false, submits and approves it. */
/** Imports (and by default submits and approves) the fixture's budget for `department`; answers the position of the last write. */
export async function establishBudget(t: TestApp, department: string, options: { approve?: boolean; name?: string } = {}): Promise<string> {
  const facts = loadBudgetFacts();
  facts.department.code = department;
  if (options.name) facts.department.name = options.name;
  const clerk = await t.token('department', department, `clerk-${department}`);
  const finance = await t.token('finance', undefined, 'finance-zhang');
  const steps: Array<[string, string, string]> = [['POST', `${budgetUrl(department)}/import`, clerk]];
  if (options.approve !== false) steps.push(['POST', `${budgetUrl(department)}/submit`, clerk], ['POST', `${budgetUrl(department)}/approve`, finance]);
  let position = '';
  for (const [method, url, token] of steps) {
    const response = await t.request(method as 'POST', url, { token, ...(url.endsWith('import') ? { body: facts } : {}) });
    if (response.status >= 300) throw new Error(`${url}: ${response.status} ${response.text}`);
    position = String(response.body.position);
  }
  return position;
}

/** Basic lines of the approved budget: id and amount in 元. */
export async function basicLines(t: TestApp, department: string): Promise<Array<{ lineId: string; amount: Decimal }>> {
  const budget = await t.request('GET', `${budgetUrl(department)}?version=approved`, { token: await t.token('finance') });
  return budget.body.content.basicExpenditureLines.map((line: { lineId: string; amount: string }) => ({ lineId: line.lineId, amount: new Decimal(line.amount) }));
}

/** `share` of every basic line, dated `date`, as CSV rows (`voucher,date,amount,basicLineId,projectCode,payee,note`). */
export const basicLineCsvRows = (lines: Array<{ lineId: string; amount: Decimal }>, share: string, date: string, voucherPrefix: string): string[] =>
  lines.map((line, i) => `${voucherPrefix}-${i},${date},${line.amount.times(share).toFixed(2)},${line.lineId},,馆陶县财政国库支付中心,"工资福利, 公用经费"`);
