import type { IndicatorEntry } from '@budgetflow/contracts';
import type { Actor } from '../actor';
import type { FundSource, PerformanceIndicator, YearlyAmount } from '../content/budget-content';
import { refuse } from '../errors';
import type { DomainEvent, EventStamp } from '../events/event';
import { formatYuan, sum, type Money } from '../money/money';
import { requireOwnDepartment, requireRole } from '../rules/access';
import { requirePositiveAmount } from '../rules/amounts';
import { parseIndicators } from '../rules/indicators';
import { requireProjectCode } from '../rules/project-code';
import { requireFundSource } from '../rules/sources';
import { requireReason, requireText } from '../rules/text';
import { moneyFromWire, moneyToWire, type MoneyWire } from '../wire/money-wire';

/**
 * 项目库 — projects are prepared and reviewed long before a budget: a department proposes a project to the library,
 * finance returns it (with a reason), approves it into the library (入库, `ProjectPooled`) or rejects it; the
 * department may withdraw it. One stream per project: `project-library-{department}-{code}`; the code stays the
 * project's code in every budget it is scheduled into.
 */
export type LibraryStatus = 'none' | 'proposed' | 'returned' | 'pooled' | 'rejected' | 'withdrawn';

export const LIBRARY_STATUS_NAMES: Record<LibraryStatus, string> = {
  none: '未申报',
  proposed: '待审核',
  returned: '已退回',
  pooled: '已入库',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const projectLibraryStreamId = (departmentCode: string, code: string): string => `project-library-${departmentCode}-${code}`;

/** 附件: its name and number (文号 or serial). */
export interface LibraryAttachment {
  name: string;
  number: string;
}

/** A library project as the department writes it. */
export interface LibraryProjectProposal {
  code: string;
  name: string;
  /** 支出功能分类 项 (7 digits). */
  functionalCode: string;
  fundSource: FundSource;
  purpose: string;
  /** 项目总金额 (元). */
  totalAmount: Money;
  startYear: number;
  endYear: number;
  /** 分年度预算; given, they add up to the total. */
  yearlyAmounts: YearlyAmount[];
  goal: string;
  indicators: IndicatorEntry[];
  attachments: LibraryAttachment[];
}

/** The project as kept in the stream's events (amounts as strings, indicators as written). */
export interface LibraryProjectWire {
  code: string;
  name: string;
  functionalCode: string;
  fundSource: FundSource;
  purpose: string;
  totalAmount: MoneyWire;
  startYear: number;
  endYear: number;
  yearlyAmounts: { fiscalYear: number; amount: MoneyWire }[];
  goal: string;
  indicators: IndicatorEntry[];
  attachments: LibraryAttachment[];
}

export type LibraryProjectProposed = DomainEvent<'LibraryProjectProposed', { departmentCode: string; project: LibraryProjectWire }>;
export type LibraryProjectReturned = DomainEvent<'LibraryProjectReturned', { reason: string }>;
/** 入库 — finance approved the project into the library. */
export type ProjectPooled = DomainEvent<'ProjectPooled', { departmentCode: string; code: string }>;
export type LibraryProjectRejected = DomainEvent<'LibraryProjectRejected', { reason: string }>;
export type LibraryProjectWithdrawn = DomainEvent<'LibraryProjectWithdrawn', { departmentCode: string; code: string }>;

export type LibraryEvent = LibraryProjectProposed | LibraryProjectReturned | ProjectPooled | LibraryProjectRejected | LibraryProjectWithdrawn;
export const LIBRARY_EVENT_TYPES: readonly LibraryEvent['type'][] = ['LibraryProjectProposed', 'LibraryProjectReturned', 'ProjectPooled', 'LibraryProjectRejected', 'LibraryProjectWithdrawn'];

interface LibraryCommandBase<Type extends string> {
  type: Type;
  actor: Actor;
  departmentCode: string;
  code: string;
}
export interface ProposeLibraryProject extends LibraryCommandBase<'ProposeLibraryProject'> {
  project: LibraryProjectProposal;
}
export interface ReturnLibraryProject extends LibraryCommandBase<'ReturnLibraryProject'> {
  reason: string;
}
export type PoolLibraryProject = LibraryCommandBase<'PoolLibraryProject'>;
export interface RejectLibraryProject extends LibraryCommandBase<'RejectLibraryProject'> {
  reason: string;
}
export type WithdrawLibraryProject = LibraryCommandBase<'WithdrawLibraryProject'>;
export type LibraryCommand = ProposeLibraryProject | ReturnLibraryProject | PoolLibraryProject | RejectLibraryProject | WithdrawLibraryProject;

export interface LibraryProject {
  status: LibraryStatus;
  departmentCode?: string;
  project?: LibraryProjectWire;
  /** Reason of the last return or rejection. */
  lastReason?: string;
  version: number;
}

export const initialLibraryProject = (): LibraryProject => ({ status: 'none', version: 0 });

export const evolveLibraryProject = (state: LibraryProject, event: LibraryEvent): LibraryProject => {
  const next = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'LibraryProjectProposed':
      return { ...next, status: 'proposed', departmentCode: event.data.departmentCode, project: event.data.project, lastReason: undefined };
    case 'LibraryProjectReturned':
      return { ...next, status: 'returned', lastReason: event.data.reason };
    case 'ProjectPooled':
      return { ...next, status: 'pooled', lastReason: undefined };
    case 'LibraryProjectRejected':
      return { ...next, status: 'rejected', lastReason: event.data.reason };
    case 'LibraryProjectWithdrawn':
      return { ...next, status: 'withdrawn' };
    default:
      return next;
  }
};

export const foldLibraryProject = (events: readonly { type: string; data: unknown }[], from: LibraryProject = initialLibraryProject()): LibraryProject =>
  events.reduce((state, event) => evolveLibraryProject(state, event as LibraryEvent), from);

const YEAR = (year: unknown, field: string): number => {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) refuse('FISCAL_YEAR_INVALID', field);
  return year as number;
};

/** The proposal checked: code, name, a 7-digit functional 项, fund, total > 0, years in order, yearly amounts adding up, readable indicators. */
export const checkLibraryProposal = (proposal: LibraryProjectProposal): LibraryProjectWire => {
  requireText(proposal.code, 'code');
  requireProjectCode(proposal.code, 'code');
  requireText(proposal.name, 'name');
  if (typeof proposal.functionalCode !== 'string' || !/^\d{7}$/.test(proposal.functionalCode))
    refuse('CODE_FORMAT_INVALID', 'functionalCode', `支出功能分类科目应为7位数字的项级编码：${String(proposal.functionalCode)}`);
  requireFundSource(proposal.fundSource, 'fundSource');
  requirePositiveAmount(proposal.totalAmount, 'totalAmount');
  const startYear = YEAR(proposal.startYear, 'startYear');
  const endYear = YEAR(proposal.endYear, 'endYear');
  if (startYear > endYear) refuse('PROJECT_YEARS_INVALID', 'endYear', `项目结束年度 ${endYear} 早于起始年度 ${startYear}`);
  const seen = new Set<number>();
  const yearly = proposal.yearlyAmounts.map((entry, i) => {
    const fiscalYear = YEAR(entry.fiscalYear, `yearlyAmounts[${i}].fiscalYear`);
    if (seen.has(fiscalYear) || fiscalYear < startYear || fiscalYear > endYear)
      refuse('PROJECT_YEARS_INVALID', `yearlyAmounts[${i}].fiscalYear`, `${fiscalYear}年度重复或不在项目起止年度之内`);
    seen.add(fiscalYear);
    requirePositiveAmount(entry.amount, `yearlyAmounts[${i}].amount`);
    return { fiscalYear, amount: entry.amount };
  });
  if (yearly.length > 0 && !sum(yearly.map((y) => y.amount)).eq(proposal.totalAmount))
    refuse('PROJECT_YEARS_INVALID', 'yearlyAmounts', `分年度预算合计 ${formatYuan(sum(yearly.map((y) => y.amount)))} 元不等于项目总金额 ${formatYuan(proposal.totalAmount)} 元`);
  parseIndicators(proposal.indicators, 'indicators');
  proposal.attachments.forEach((attachment, i) => requireText(attachment.name, `attachments[${i}].name`));
  return {
    code: proposal.code,
    name: proposal.name.trim(),
    functionalCode: proposal.functionalCode,
    fundSource: proposal.fundSource,
    purpose: proposal.purpose ?? '',
    totalAmount: moneyToWire(proposal.totalAmount),
    startYear,
    endYear,
    yearlyAmounts: yearly.sort((a, b) => a.fiscalYear - b.fiscalYear).map((y) => ({ fiscalYear: y.fiscalYear, amount: moneyToWire(y.amount) })),
    goal: proposal.goal ?? '',
    indicators: proposal.indicators.map((i) => ({ ...i })),
    attachments: proposal.attachments.map((a) => ({ name: a.name.trim(), number: (a.number ?? '').trim() })),
  };
};

/** What a library project is planned to cost in a year: its yearly amount, else (a one-year project) its total. */
export const libraryAmountFor = (project: LibraryProjectWire, fiscalYear: number): Money | undefined => {
  const yearly = project.yearlyAmounts.find((y) => y.fiscalYear === fiscalYear);
  if (yearly) return moneyFromWire(yearly.amount);
  return project.yearlyAmounts.length === 0 && project.startYear === fiscalYear && project.endYear === fiscalYear ? moneyFromWire(project.totalAmount) : undefined;
};

/** Parsed indicators of a library project (for scheduling into a budget). */
export const libraryIndicators = (project: LibraryProjectWire): PerformanceIndicator[] => parseIndicators(project.indicators, 'indicators');

const refuseState = (state: LibraryProject, doing: string): never =>
  refuse('LIBRARY_PROJECT_STATE', undefined, `项目库项目当前状态为“${LIBRARY_STATUS_NAMES[state.status]}”，不能${doing}`);

/** The library decider: a department proposes (again after a return) and withdraws; finance returns, pools or rejects. */
export const decideLibraryProject = (command: LibraryCommand, state: LibraryProject, stamp: EventStamp): LibraryEvent[] => {
  if (state.departmentCode !== undefined && state.departmentCode !== command.departmentCode) refuse('BUDGET_IDENTITY_MISMATCH', 'departmentCode');
  switch (command.type) {
    case 'ProposeLibraryProject': {
      requireOwnDepartment(command.actor, command.departmentCode);
      const project = checkLibraryProposal(command.project);
      if (project.code !== command.code) refuse('BUDGET_IDENTITY_MISMATCH', 'code');
      if (state.status === 'proposed' && JSON.stringify(state.project) === JSON.stringify(project)) return [];
      if (!['none', 'returned', 'withdrawn', 'proposed'].includes(state.status)) refuseState(state, '重新申报');
      return [{ type: 'LibraryProjectProposed', data: { departmentCode: command.departmentCode, project, ...stamp } }];
    }
    case 'WithdrawLibraryProject':
      requireOwnDepartment(command.actor, command.departmentCode);
      if (state.status === 'none') refuse('LIBRARY_PROJECT_NOT_FOUND');
      if (state.status === 'withdrawn') return [];
      if (state.status === 'rejected') refuseState(state, '撤回');
      return [{ type: 'LibraryProjectWithdrawn', data: { departmentCode: command.departmentCode, code: command.code, ...stamp } }];
    case 'ReturnLibraryProject':
    case 'RejectLibraryProject':
    case 'PoolLibraryProject': {
      requireRole(command.actor, 'finance');
      if (state.status === 'none') refuse('LIBRARY_PROJECT_NOT_FOUND');
      if (command.type === 'PoolLibraryProject') {
        if (state.status === 'pooled') return [];
        if (state.status !== 'proposed') refuseState(state, '入库');
        return [{ type: 'ProjectPooled', data: { departmentCode: command.departmentCode, code: command.code, ...stamp } }];
      }
      requireReason(command.reason);
      if (state.status !== 'proposed') refuseState(state, command.type === 'ReturnLibraryProject' ? '退回' : '不予入库');
      return command.type === 'ReturnLibraryProject'
        ? [{ type: 'LibraryProjectReturned', data: { reason: command.reason.trim(), ...stamp } }]
        : [{ type: 'LibraryProjectRejected', data: { reason: command.reason.trim(), ...stamp } }];
    }
  }
};

