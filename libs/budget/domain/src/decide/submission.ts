import type { ApproveDraft, PassReviewStep, ReturnDraft, SubmitDraft } from '../commands/workflow-commands';
import type { DecideContext } from '../context';
import { refuse } from '../errors';
import type { DraftApproved, DraftReturned, DraftSubmitted, ReviewStepPassed } from '../events/workflow-events';
import { requireOwnDepartment, requireRole } from '../rules/access';
import { requireBalanced, requireWithinControlNumbers } from '../rules/balance';
import { requireCarryOverAgrees } from '../rules/carry-over';
import { requireReason } from '../rules/text';
import { budgetTotals } from '../rules/totals';
import type { Budget } from '../state';
import { moneyToWire } from '../wire/money-wire';
import { requireOpened, STATUS_NAMES } from './guards';
import type { BudgetDecider } from './decider';

/** A year of four rounds (一上一下二上二下): configured so, or a budget already in them. */
export const inFourRounds = (state: Budget, ctx?: DecideContext): boolean => state.rounds !== undefined || ctx?.settings?.rounds === 'four';

/**
 * 报送: only a balanced draft within its control numbers; submitting a submitted draft changes nothing. In a year of
 * four rounds it is 一上 (the proposal) before the control numbers are issued and 二上 after.
 */
export const submitDraft: BudgetDecider<SubmitDraft, DraftSubmitted> = (command, state, ctx, stamp) => {
  requireOwnDepartment(command.actor, state.departmentCode ?? command.actor.department);
  requireOpened(state);
  if (state.status === 'submitted') return [];
  if (state.status !== 'drafting')
    refuse('BUDGET_NOT_DRAFTING', undefined, `预算当前状态为“${STATUS_NAMES[state.status]}”，不能报送`);
  const content = state.content!;
  requireBalanced(content);
  requireCarryOverAgrees(content);
  requireWithinControlNumbers(content, state.controlNumbers);
  const totals = budgetTotals(content);
  return [
    {
      type: 'DraftSubmitted',
      data: {
        totalIncome: moneyToWire(totals.totalIncome),
        totalExpenditure: moneyToWire(totals.totalExpenditure),
        ...(inFourRounds(state, ctx) ? { round: !state.rounds || state.rounds.current === '一上' ? ('一上' as const) : ('二上' as const) } : {}),
        ...stamp,
      },
    },
  ];
};

const requireSubmitted = (state: Budget): void => {
  requireOpened(state);
  if (state.status !== 'submitted')
    refuse('BUDGET_NOT_SUBMITTED', undefined, `预算当前状态为“${STATUS_NAMES[state.status]}”，不在待审状态`);
};

/** 退回: finance sends a submitted draft back with a reason. */
export const returnDraft: BudgetDecider<ReturnDraft, DraftReturned> = (command, state, _ctx, stamp) => {
  requireRole(command.actor, 'finance');
  requireReason(command.reason);
  requireSubmitted(state);
  return [{ type: 'DraftReturned', data: { reason: command.reason.trim(), ...stamp } }];
};

/**
 * 批复: finance approves the submitted draft as the next version. In a year of four rounds this is 二下: only after
 * 二上 (the budget within the control numbers), with the approval document's number (文号) and date.
 */
export const approveDraft: BudgetDecider<ApproveDraft, DraftApproved> = (command, state, ctx, stamp) => {
  requireRole(command.actor, 'finance');
  requireSubmitted(state);
  const document = {
    ...(command.documentNumber?.trim() ? { documentNumber: command.documentNumber.trim() } : {}),
    ...(command.documentDate !== undefined ? { documentDate: requireDate(command.documentDate, 'documentDate') } : {}),
  };
  const fourRounds = inFourRounds(state, ctx);
  if (fourRounds && state.rounds?.current !== '二上')
    refuse('ROUND_OUT_OF_ORDER', undefined, '本年度实行“一上一下二上二下”：须先下达控制数（一下），部门在控制数内报送（二上）后才能批复（二下）');
  requireReviewStepsPassed(state, ctx);
  if (!fourRounds) return [{ type: 'DraftApproved', data: { version: state.versions.length + 1, ...document, ...stamp } }];
  if (!document.documentNumber) refuse('FIELD_REQUIRED', 'documentNumber', '批复（二下）须填写批复文号');
  if (!document.documentDate) refuse('FIELD_REQUIRED', 'documentDate', '批复（二下）须填写批复日期');
  return [{ type: 'DraftApproved', data: { version: state.versions.length + 1, round: '二下', ...document, ...stamp } }];
};

/** The year's review steps not yet passed on the current submission, in order. */
export const pendingReviewSteps = (state: Budget, reviewSteps: readonly string[] = []): string[] => {
  const passed = (state.reviewPassed ?? []).map((p) => p.step);
  return reviewSteps.filter((step) => !passed.includes(step));
};

const requireReviewStepsPassed = (state: Budget, ctx?: DecideContext): void => {
  const pending = pendingReviewSteps(state, ctx?.settings?.reviewSteps);
  if (pending.length > 0) refuse('REVIEW_STEPS_PENDING', undefined, `批复前须完成审核环节：${pending.join('、')}`);
};

/**
 * 审核环节: finance passes the next configured step (业务股室 → 预算股 …) of a submitted draft, in order; passing a step
 * already passed changes nothing.
 */
export const passReviewStep: BudgetDecider<PassReviewStep, ReviewStepPassed> = (command, state, ctx, stamp) => {
  requireRole(command.actor, 'finance');
  requireSubmitted(state);
  const steps = ctx?.settings?.reviewSteps ?? [];
  const step = (command.step ?? '').trim();
  if (!steps.includes(step)) refuse('REVIEW_STEP_UNKNOWN', 'step', `审核环节“${step}”不在本年度设置的审核环节（${steps.join(' → ') || '无'}）中`);
  if ((state.reviewPassed ?? []).some((p) => p.step === step)) return [];
  const next = pendingReviewSteps(state, steps)[0];
  if (step !== next) refuse('REVIEW_STEP_OUT_OF_ORDER', 'step', `下一个审核环节是“${next}”`);
  const note = command.note?.trim();
  return [{ type: 'ReviewStepPassed', data: { step, ...(note ? { note } : {}), ...stamp } }];
};

const requireDate = (text: string, field: string): string => {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  const valid = date && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
  if (!valid) refuse('DATE_INVALID', field, `日期“${String(text)}”应形如 2025-03-01`);
  return text;
};
