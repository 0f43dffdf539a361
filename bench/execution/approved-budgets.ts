/**
 * Departments with an approved 2024 budget (a renamed copy of the 馆陶县信访局 fixture: imported, submitted,
 * approved over HTTP) and the payments the execution bench records against them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Decimal } from '@budgetflow/budget-domain';
import type { BenchApi } from '../support/api-process';

export const YEAR = 2024;
const root = path.resolve(__dirname, '..', '..', '..');

/** The fixture's four largest projects (300, 50, 50 and 40 万元): room for a year of small payments. */
const BIG_PROJECTS = ['13043324P00007810001C', '13043324P00007410001M', '13043324P000073100010', '13043324P00007710001N'];
/** Basic lines of at least 10 万元 take payments too; the small ones (down to 600 元) would soon be overspent. */
const BASIC_LINE_MIN_YUAN = new Decimal('100000');

export type PaymentTarget = { basicLineId: string } | { projectCode: string };

export interface ApprovedDepartment {
  code: string;
  /** A department clerk's token (only it may record this department's payments). */
  token: string;
  targets: PaymentTarget[];
}

export interface PaymentRow {
  voucher: string;
  date: string;
  amount: string;
  basicLineId?: string;
  projectCode?: string;
  payee: string;
  note: string;
}

let facts: Record<string, unknown> | undefined;
const fixture = (): Record<string, unknown> =>
  (facts ??= JSON.parse(readFileSync(path.join(root, 'test/fixtures/guantao-xinfang-2024/budget-facts.json'), 'utf8')) as Record<string, unknown>);

async function expectOk(api: BenchApi, method: string, url: string, token: string, body?: unknown): Promise<string> {
  const answer = await api.call(method, url, token, body);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${answer.body.slice(0, 500)}`);
  return answer.body;
}

async function approveOne(api: BenchApi, code: string, finance: string): Promise<ApprovedDepartment> {
  const token = await api.token('department', code);
  const budget = `/v1/budgets/${code}/${YEAR}`;
  const base = fixture();
  await expectOk(api, 'POST', `${budget}/import`, token, { ...base, department: { ...(base['department'] as object), code, name: `压测部门${code}` } });
  await expectOk(api, 'POST', `${budget}/submit`, token);
  await expectOk(api, 'POST', `${budget}/approve`, finance);
  const approved = JSON.parse(await expectOk(api, 'GET', `${budget}?version=approved`, finance)) as {
    content: { basicExpenditureLines: Array<{ lineId: string; amount: string }> };
  };
  const lines = approved.content.basicExpenditureLines.filter((line) => new Decimal(line.amount).gte(BASIC_LINE_MIN_YUAN));
  return { code, token, targets: [...BIG_PROJECTS.map((projectCode) => ({ projectCode })), ...lines.map((line) => ({ basicLineId: line.lineId }))] };
}

/** Approves a budget for each code, `concurrency` at a time. */
export async function approvedDepartments(api: BenchApi, codes: readonly string[], concurrency = 4): Promise<ApprovedDepartment[]> {
  const finance = await api.token('finance');
  const result: ApprovedDepartment[] = new Array(codes.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, codes.length) }, async () => {
      while (next < codes.length) {
        const index = next++;
        result[index] = await approveOne(api, codes[index]!, finance);
      }
    }),
  );
  return result;
}

/** The n-th payment of a department: 1.00–9.99 元, dated in the first half of 2024, spread over its targets. */
export function paymentRow(department: ApprovedDepartment, voucherPrefix: string, n: number): PaymentRow {
  return {
    voucher: `${voucherPrefix}-${n}`,
    date: `2024-0${1 + (n % 6)}-${String(1 + (n % 28)).padStart(2, '0')}`,
    amount: `${1 + (n % 9)}.${String(n % 100).padStart(2, '0')}`,
    ...department.targets[n % department.targets.length]!,
    payee: '馆陶县某服务商',
    note: `压测 ${n}`,
  };
}
