import { deciderSpec } from '@budgetflow/testing';
import { type Actor, Decimal, type PerformanceIndicator, parseIndicatorTarget } from '@budgetflow/budget-domain';
import type { ApprovedBudget } from '../approved-budget';
import type { ExecutionCommand } from '../commands/execution-commands';
import { decideExecution } from '../decide/decide';
import type { ExecutionContext } from '../decide/execution-context';
import { ExecutionError } from '../errors';
import { DEFAULT_EXECUTION_SETTINGS, type ExecutionEvent } from '../events/execution-events';
import { type ExecutionLedger, emptyLedger, evolveLedger } from '../ledger';
import type { PaymentEntry } from '../payment-entry';

export const clerk501: Actor = { userId: 'clerk-501', role: 'department', department: '501' };
export const clerk502: Actor = { userId: 'clerk-502', role: 'department', department: '502' };
export const financeOfficer: Actor = { userId: 'finance-zhang', role: 'finance' };

const plan = [
  { checkpoint: '3月底', month: 3, cumulativePercent: 25 },
  { checkpoint: '6月底', month: 6, cumulativePercent: 50 },
  { checkpoint: '10月底', month: 10, cumulativePercent: 75 },
  { checkpoint: '12月底', month: 12, cumulativePercent: 100 },
];

export const indicator = (printed: string, level2 = '数量指标', name = printed): PerformanceIndicator => ({
  level1: '产出指标',
  level2,
  name,
  description: '',
  target: parseIndicatorTarget(printed)!,
  basis: '',
});

/** A small approved budget of 501: one basic line of 10,000 元 and project P1 of 40,000 元 with the fixture's plan. */
export const approved501: ApprovedBudget = {
  department: '501',
  departmentName: '馆陶县信访局',
  fiscalYear: 2024,
  version: 1,
  approvedAt: '2024-02-01T02:00:00.000Z',
  basicLines: [{ lineId: 'basic-1', functionalCode: '2014001', economicCode: '30101', amount: new Decimal(10000) }],
  projects: [{ code: 'P1', name: '群众工作中心运维经费', amount: new Decimal(40000), spendingPlan: plan, indicators: [indicator('8 个', '数量指标', '入驻部门数量')] }],
};

export const context501: ExecutionContext = { department: '501', fiscalYear: 2024, budget: approved501, settings: DEFAULT_EXECUTION_SETTINGS, today: '2024-12-31' };

export const entry = (overrides: Partial<PaymentEntry> = {}): PaymentEntry => ({
  voucher: 'V-1',
  date: '2024-03-01',
  amount: new Decimal('1000.00'),
  target: { kind: 'project', projectCode: 'P1' },
  payee: '服务商',
  note: '',
  ...overrides,
});

/** Execution decider specs: `given(events).when(command).then(events)` / `.thenThrows(code, field?)`, against `ctx` (default: 501 approved, block). */
export const given = deciderSpec<ExecutionCommand, ExecutionLedger, ExecutionEvent, ExecutionContext, ExecutionError>(
  { decide: decideExecution, evolve: evolveLedger, initial: emptyLedger, refusal: ExecutionError },
  context501,
);
