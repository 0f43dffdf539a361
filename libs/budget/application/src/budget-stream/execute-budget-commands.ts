import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { BudgetCommand } from '@budgetflow/budget-domain';
import type { EventMetadata } from '@budgetflow/event-store';
import { BudgetStream, type CommandOutcome } from './budget-stream';

/** Decide `commands` against one department-year budget and append their events as one atomic write. */
export class ExecuteBudgetCommands extends Command<CommandOutcome> {
  constructor(
    readonly department: string,
    readonly fiscalYear: number,
    readonly commands: readonly BudgetCommand[],
    readonly metadata: EventMetadata,
    readonly ifMatch?: number,
  ) {
    super();
  }
}

@CommandHandler(ExecuteBudgetCommands)
export class ExecuteBudgetCommandsHandler implements ICommandHandler<ExecuteBudgetCommands, CommandOutcome> {
  constructor(private readonly stream: BudgetStream) {}

  execute(command: ExecuteBudgetCommands): Promise<CommandOutcome> {
    return this.stream.execute(command.department, command.fiscalYear, command.commands, command.metadata, command.ifMatch);
  }
}
