import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireBalanced, requireWithinControlNumbers } from '@budgetflow/budget-domain';
import { blockingFindings, consistencyChecks, type ConsistencyFinding, renderDisclosureTables, renderNarrative } from '@budgetflow/budget-projections';
import { type Actor, ProblemException, httpProblem } from '@budgetflow/http';
import type { BudgetParams } from '../budget-stream/budget-command-runner';
import { BudgetStream, type CommandOutcome } from '../budget-stream/budget-stream';
import { ExecuteBudgetCommands } from '../budget-stream/execute-budget-commands';
import { CatalogService } from '../catalog/catalog.service';
import { RequestReader } from '../shared/request-reader';
import { budgetAddress, domainActor, eventMetadata, expectedVersionFrom } from '../shared/request-context';

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
 * 报送 (一上) behind the 勾稽 gate: the draft's nine tables and narrative are rendered from the stream as it is now
 * and checked; a finding of severity `error` refuses the submission, warnings (e.g. a cost indicator that differs
 * from its project amount) never block. The submit is then appended only if the stream is still at the version
 * that was checked, so no edit can slip in between the check and the submission.
 */
@Injectable()
export class SubmissionGate {
  constructor(
    private readonly stream: BudgetStream,
    private readonly catalogs: CatalogService,
    private readonly commandBus: CommandBus,
  ) {}

  async submit(params: BudgetParams, request: FastifyRequest, reply: FastifyReply, actor: Actor): Promise<CommandOutcome> {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    const ifMatch = expectedVersionFrom(request);
    const reader = RequestReader.of(request.body ?? {});
    reader.done();
    const state = await this.stream.state(department, fiscalYear);
    // Only the department's own clerk learns what the draft's checks say; anyone else gets the decider's answer.
    const mayCheck = actor.role === 'department' && actor.department === department;
    if (mayCheck && state.status === 'drafting' && state.content) {
      // The decider's own refusals (unbalanced, over the control numbers) come first, with their own codes.
      requireBalanced(state.content);
      requireWithinControlNumbers(state.content, state.controlNumbers);
      const tables = renderDisclosureTables(state.content, await this.catalogs.forYear(fiscalYear));
      const findings = consistencyChecks(state.content, tables, renderNarrative(state.content, tables));
      if (blockingFindings(findings).length > 0) throw consistencyProblem(findings);
    }
    const metadata = eventMetadata(request, actor, this.stream.now());
    const command = { type: 'SubmitDraft' as const, actor: domainActor(actor) };
    try {
      const outcome = await this.commandBus.execute(new ExecuteBudgetCommands(department, fiscalYear, [command], metadata, ifMatch ?? state.streamVersion));
      void reply.header('etag', `"${outcome.version}"`);
      return outcome;
    } catch (error) {
      // Without If-Match the expectation was ours (the checked version): a change in between is a concurrent edit.
      if (ifMatch === undefined && error instanceof ProblemException && error.code === 'PRECONDITION_FAILED') {
        throw httpProblem('CONCURRENT_MODIFICATION', '报送前预算已被修改，请刷新后重新检查并报送');
      }
      throw error;
    }
  }
}
