import type { Actor } from '../actor';
import type { AdjustmentChangeSet, ApproveAdjustment, RejectAdjustment, RequestAdjustment } from '../commands/workflow-commands';
import { DomainError, refuse } from '../errors';
import type { DraftChangeEvent } from '../events/draft-events';
import type { AdjustmentApproved, AdjustmentRejected, AdjustmentRequested } from '../events/workflow-events';
import { applyAdjustment, applyDraftChange } from '../apply-draft-change';
import { shanghaiDateOf } from '../year-end/change-kinds';
import { requireEffectiveDate, requireKindRules, requireSourcesUnspent } from '../year-end/change-rules';
import { requireOwnDepartment, requireRole } from '../rules/access';
import { requireBalanced, requireWithinControlNumbers } from '../rules/balance';
import { requireCarryOverAgrees } from '../rules/carry-over';
import { requireReason } from '../rules/text';
import { latestVersion, type Budget, type PendingAdjustment } from '../state';
import { decideContentChange, type ContentCommand } from './content-changes';
import { requireOpened } from './guards';
import type { BudgetDecider } from './decider';

/** The change set as draft edits, each with the path of its entry (removals first, so a key can be re-added). */
export const changeSetCommands = (changeSet: AdjustmentChangeSet, actor: Actor): { command: ContentCommand; field: string }[] => {
  const at = (path: string, i: number) => `changeSet.${path}[${i}]`;
  return [
    ...(changeSet.income ?? []).map((c, i) => ({
      command: { type: 'DeclareIncome' as const, actor, source: c.source, amount: c.amount },
      field: at('income', i),
    })),
    ...(changeSet.basicLines?.removed ?? []).map((lineId, i) => ({
      command: { type: 'WithdrawBasicLine' as const, actor, lineId },
      field: at('basicLines.removed', i),
    })),
    ...(changeSet.basicLines?.changed ?? []).map((c, i) => ({
      command: { type: 'ReviseBasicLine' as const, actor, ...c },
      field: at('basicLines.changed', i),
    })),
    ...(changeSet.basicLines?.added ?? []).map((c, i) => ({
      command: { type: 'ProposeBasicLine' as const, actor, ...c },
      field: at('basicLines.added', i),
    })),
    ...(changeSet.projects?.removed ?? []).map((code, i) => ({
      command: { type: 'WithdrawProject' as const, actor, code },
      field: at('projects.removed', i),
    })),
    ...(changeSet.projects?.changed ?? []).map((c, i) => ({
      command: { type: 'AdjustProject' as const, actor, code: c.code, changes: c.changes },
      field: at('projects.changed', i),
    })),
    ...(changeSet.projects?.added ?? []).map((project, i) => ({
      command: { type: 'ProposeProject' as const, actor, project },
      field: at('projects.added', i),
    })),
  ];
};

/**
 * 预算调整申请: after approval, one at a time, with a reason. Every edit obeys the draft rules, and the
 * approved version with the edits applied must still balance and keep within the control numbers.
 */
export const requestAdjustment: BudgetDecider<RequestAdjustment, AdjustmentRequested> = (command, state, ctx, stamp) => {
  requireOwnDepartment(command.actor, state.departmentCode ?? command.actor.department);
  requireOpened(state);
  if (state.status !== 'approved' && state.status !== 'published') refuse('BUDGET_NOT_APPROVED');
  requireNotClosed(state);
  requireReason(command.reason);
  requireAdjustmentId(command.adjustmentId);
  const kind = command.kind ?? 'adjustment';
  requireEffectiveDate(command.effectiveDate, state.fiscalYear!);
  const pending = state.pendingAdjustment;
  const current = latestVersion(state)!;
  if (state.versions.some((v) => v.adjustmentId === command.adjustmentId)) return [];
  if (pending && pending.adjustmentId !== command.adjustmentId)
    refuse('ADJUSTMENT_ALREADY_PENDING', 'adjustmentId', `调整申请 ${pending.adjustmentId} 尚待审批`);

  let content = current.content;
  const changes: DraftChangeEvent[] = [];
  for (const { command: edit, field } of changeSetCommands(command.changeSet ?? {}, command.actor)) {
    try {
      const events = decideContentChange(edit, content, ctx, stamp) as DraftChangeEvent[];
      events.forEach((e) => {
        changes.push(e);
        content = applyDraftChange(content, e);
      });
    } catch (error) {
      throw error instanceof DomainError ? error.under(field) : error;
    }
  }
  if (pending) {
    if (pending.adjustmentId === command.adjustmentId && sameRequest(pending, command, changes)) return [];
    refuse('ADJUSTMENT_ALREADY_PENDING', 'adjustmentId', `调整申请 ${pending.adjustmentId} 尚待审批`);
  }
  if (changes.length === 0) refuse('ADJUSTMENT_EMPTY', 'changeSet');
  requireBalanced(content, 'changeSet');
  requireCarryOverAgrees(content, 'changeSet');
  requireWithinControlNumbers(content, state.controlNumbers);
  requireKindRules(kind, current.content, content, ctx.paid);
  const documentNumber = command.documentNumber?.trim();
  return [
    {
      type: 'AdjustmentRequested',
      data: {
        adjustmentId: command.adjustmentId,
        reason: command.reason.trim(),
        basedOnVersion: current.version,
        changes,
        // Older requests had no kind: the field is written only when it says more than the default.
        ...(kind !== 'adjustment' ? { kind } : {}),
        ...(documentNumber ? { documentNumber } : {}),
        ...(command.effectiveDate ? { effectiveDate: command.effectiveDate } : {}),
        ...stamp,
      },
    },
  ];
};

const requireAdjustmentId = (id: string): void => {
  if (typeof id !== 'string' || id.trim() === '') refuse('FIELD_REQUIRED', 'adjustmentId');
};

/** A retried request: same kind, reason, 文号, effective date and edits (stamps aside). */
const sameRequest = (pending: PendingAdjustment, command: RequestAdjustment, changes: DraftChangeEvent[]): boolean => {
  const unstamped = (events: DraftChangeEvent[]) =>
    JSON.stringify(events.map(({ type, data: { by: _by, at: _at, ...rest } }) => ({ type, rest })));
  return (
    pending.reason === command.reason.trim() &&
    pending.kind === (command.kind ?? 'adjustment') &&
    (pending.documentNumber ?? '') === (command.documentNumber?.trim() ?? '') &&
    pending.effectiveDate === command.effectiveDate &&
    unstamped(pending.changes) === unstamped(changes)
  );
};

/** After 年终结账 nothing in the year changes. */
export const requireNotClosed = (state: Budget): void => {
  if (state.closed) refuse('YEAR_CLOSED', undefined, `${state.fiscalYear} 年度已于 ${state.closed.closedAt.slice(0, 10)} 年终结账，不能再作变动`);
};

/** The pending adjustment named by the command; deciding an already approved one changes nothing. */
const requirePending = (state: Budget, adjustmentId: string): PendingAdjustment => {
  requireOpened(state);
  const pending = state.pendingAdjustment;
  if (!pending) return refuse('NO_PENDING_ADJUSTMENT', 'adjustmentId');
  if (pending.adjustmentId !== adjustmentId)
    return refuse('ADJUSTMENT_NOT_FOUND', 'adjustmentId', `待审批的调整申请是 ${pending.adjustmentId}，不是 ${adjustmentId}`);
  return pending;
};

/**
 * Finance approves the pending change: version N+1, in force from the effective date finance sets (or the one
 * requested, or today). An effective date before today set by finance is a back-dating and needs finance's reason.
 * A 调剂 is checked again against what has been paid by now (payments may have come since the request).
 */
export const approveAdjustment: BudgetDecider<ApproveAdjustment, AdjustmentApproved> = (command, state, ctx, stamp) => {
  requireRole(command.actor, 'finance');
  if (state.versions.some((v) => v.adjustmentId === command.adjustmentId)) return [];
  requireNotClosed(state);
  const pending = requirePending(state, command.adjustmentId);
  requireEffectiveDate(command.effectiveDate, state.fiscalYear!);
  const approvalReason = command.reason?.trim();
  if (command.effectiveDate && command.effectiveDate < shanghaiDateOf(ctx.now)) requireReason(approvalReason, 'reason');
  if (pending.kind === 'transfer') {
    const before = latestVersion(state)!.content;
    requireSourcesUnspent(before, applyAdjustment(before, pending.changes), ctx.paid);
  }
  const documentNumber = command.documentNumber?.trim();
  return [
    {
      type: 'AdjustmentApproved',
      data: {
        adjustmentId: pending.adjustmentId,
        version: state.versions.length + 1,
        ...(command.effectiveDate ? { effectiveDate: command.effectiveDate } : {}),
        ...(documentNumber ? { documentNumber } : {}),
        ...(approvalReason ? { approvalReason } : {}),
        ...stamp,
      },
    },
  ];
};

/** Finance rejects the pending adjustment with a reason; the approved version stays as it is. */
export const rejectAdjustment: BudgetDecider<RejectAdjustment, AdjustmentRejected> = (command, state, _ctx, stamp) => {
  requireRole(command.actor, 'finance');
  requireNotClosed(state);
  requireReason(command.reason);
  const pending = requirePending(state, command.adjustmentId);
  return [{ type: 'AdjustmentRejected', data: { adjustmentId: pending.adjustmentId, reason: command.reason.trim(), ...stamp } }];
};
