import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor as DomainActor, BudgetCommand } from '@budgetflow/budget-domain';
import type { Actor } from '@budgetflow/http';
import { RequestReader } from '../shared/request-reader';
import { budgetAddress, domainActor, eventMetadata, expectedVersionFrom } from '../shared/request-context';
import type { CommandOutcome } from './budget-stream';
import { ExecuteBudgetCommands } from './execute-budget-commands';

export type BudgetParams = { department: string; year: string };
export type BuildCommand = (reader: RequestReader, actor: DomainActor) => BudgetCommand;

/**
 * The one path of every budget write route: address → `If-Match` → body → one domain command →
 * the command bus; answers the outcome with the new version as ETag. A body problem throws before anything runs.
 */
@Injectable()
export class BudgetCommandRunner {
  constructor(private readonly commandBus: CommandBus) {}

  async run(params: BudgetParams, request: FastifyRequest, reply: FastifyReply, actor: Actor, build: BuildCommand): Promise<CommandOutcome> {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    const ifMatch = expectedVersionFrom(request);
    const reader = RequestReader.of(request.body ?? {});
    const command = build(reader, domainActor(actor));
    reader.done();
    const reason = 'reason' in command && typeof command.reason === 'string' ? command.reason : undefined;
    const metadata = eventMetadata(request, actor, new Date(), reason);
    const outcome = await this.commandBus.execute(new ExecuteBudgetCommands(department, fiscalYear, [command], metadata, ifMatch));
    void reply.header('etag', `"${outcome.version}"`);
    return outcome;
  }
}
