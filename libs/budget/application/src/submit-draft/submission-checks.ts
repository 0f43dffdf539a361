import { type Actor, type Budget, requireBalanced, requireWithinControlNumbers } from '@budgetflow/budget-domain';
import { blockingFindings, consistencyChecks, type ConsistencyFinding, renderDisclosureTables, renderNarrative } from '@budgetflow/budget-projections';
import { ProblemException } from '@budgetflow/platform';
import type { YearCatalog } from '../catalog/catalog-entries';

/** 勾稽检查未通过 — a draft whose tables contradict each other is not submitted (422, with every finding). */
export const CONSISTENCY_ERRORS = { code: 'CONSISTENCY_ERRORS', status: 422, title: '勾稽检查未通过，不能报送' } as const;

export const consistencyProblem = (findings: readonly ConsistencyFinding[]): ProblemException => {
  const blocking = blockingFindings(findings);
  return new ProblemException(
    CONSISTENCY_ERRORS.status,
    CONSISTENCY_ERRORS.code,
    CONSISTENCY_ERRORS.title,
    `${blocking.length} 项勾稽关系不成立，请修改后再报送：${blocking[0]?.message ?? ''}`,
    blocking.map((finding) => ({ field: finding.ref, code: finding.code, message: finding.message })),
    { findings },
  );
};

/**
 * 报送 (一上) behind the 勾稽 gate: the draft's nine tables and narrative are rendered from the state the submit is
 * decided on and checked; a finding of severity `error` refuses the submission, warnings (e.g. a cost indicator that
 * differs from its project amount) never block. Only the department's own clerk learns what the checks say; anyone
 * else gets the decider's answer.
 */
export const submissionChecks =
  (actor: Actor, department: string) =>
  (state: Budget, catalog: YearCatalog): void => {
    if (actor.role !== 'department' || actor.department !== department || state.status !== 'drafting' || !state.content) return;
    // The decider's own refusals (unbalanced, over the control numbers) come first, with their own codes.
    requireBalanced(state.content);
    requireWithinControlNumbers(state.content, state.controlNumbers);
    const tables = renderDisclosureTables(state.content, catalog);
    const findings = consistencyChecks(state.content, tables, renderNarrative(state.content, tables));
    if (blockingFindings(findings).length > 0) throw consistencyProblem(findings);
  };
