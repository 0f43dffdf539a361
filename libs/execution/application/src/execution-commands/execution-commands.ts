import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore, StreamCondition } from '@budgetflow/event-store';
import {
  type ApprovedBudget,
  type ExecutionCommand,
  type ExecutionEvent,
  type ExecutionLedger,
  type ExecutionSettings,
  decideExecution,
  emptyLedger,
  executionSettingsStreamId,
  executionStreamId,
  foldLedger,
  shanghaiDate,
} from '@budgetflow/execution-domain';
import { CLOCK, type Clock, type CommandInput, type CommandOutcome, EVENT_STORE, EventSourcedStreams } from '@budgetflow/platform';
import { ExecutionSettingsService } from '../execution-settings/execution-settings.service';

/**
 * The port execution reads the approved budget through (批复版本): the budget context implements it, the apps wire it
 * (`ExecutionModule.forRoot({ approvedBudgets })`). Execution never folds budget streams itself.
 */
export interface ApprovedBudgets {
  /** The latest approved version of a department-year budget, as execution measures against it; undefined before approval. */
  latestApproved(department: string, fiscalYear: number): Promise<ApprovedBudget | undefined>;
  /**
   * Every approved version with its effective date (payments are checked against the one in force on their date) and
   * when the year was closed (年终结账), if it was.
   */
  approvedYear(department: string, fiscalYear: number, fresh?: boolean): Promise<ApprovedYear>;
}

/**
 * A department-year's approved versions as execution measures against them. `fresh` false lets the budget
 * context answer from what it has cached; `source` then names the stream and version it came from, which the
 * payment's append checks (a budget approved or closed meanwhile makes the payment decide again).
 */
export interface ApprovedYear {
  versions: ApprovedBudget[];
  closedAt?: string;
  source?: StreamCondition;
}
export const APPROVED_BUDGETS = Symbol('APPROVED_BUDGETS');

/** An execution command against one department-year execution stream (`execution-{dept}-{year}`). */
export class HandleExecutionCommand extends Command<CommandOutcome<ExecutionLedger, ExecutionEvent>> {
  constructor(
    readonly address: { department: string; fiscalYear: number },
    readonly command: ExecutionCommand,
    readonly input: Pick<CommandInput, 'metadata'>,
    readonly reason?: string,
  ) {
    super();
  }
}

/**
 * The execution streams of this process, apart from the budget streams so that a year of payments never contends
 * with budget edits. Ledgers are kept folded (bounded by the payments they hold, about 0.5 KB each), so a payment
 * reads only the events it has not seen (a year of payments is thousands of events).
 */
@Injectable()
export class ExecutionLedgers extends EventSourcedStreams<ExecutionLedger> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, {
      initial: emptyLedger,
      // foldLedger copies what it starts from: a kept ledger is never changed by a caller's fold.
      fold: (events, from) => foldLedger(events as Iterable<ExecutionEvent>, from),
      versionOf: (ledger) => ledger.streamVersion,
      cacheWeight: 50_000,
      weigh: (ledger) => ledger.payments.size,
      conflictMessage: '执行台账正被同时写入，请稍后重试',
    });
  }
}

/**
 * Decides a payment, reversal or indicator report against the budget's latest approved version, finance's settings
 * and the ledger (all three read at once), and appends its events with the expected version; a concurrent writer
 * makes it decide again (a payment checked against a stale remainder must not slip through).
 */
@CommandHandler(HandleExecutionCommand)
export class ExecutionCommandHandler implements ICommandHandler<HandleExecutionCommand> {
  constructor(
    private readonly ledgers: ExecutionLedgers,
    private readonly settings: ExecutionSettingsService,
    @Inject(APPROVED_BUDGETS) private readonly budgets: ApprovedBudgets,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ address, command, input, reason }: HandleExecutionCommand): Promise<CommandOutcome<ExecutionLedger, ExecutionEvent>> {
    const { department, fiscalYear } = address;
    const now = this.clock();
    return this.ledgers.handle<ExecutionEvent, { year: ApprovedYear; settings: ExecutionSettings; settingsVersion: number }>(
      executionStreamId(department, fiscalYear),
      (ledger, { year, settings }) =>
        decideExecution(command, ledger, {
          department,
          fiscalYear,
          budget: year.versions[year.versions.length - 1],
          versions: year.versions,
          ...(year.closedAt ? { closedAt: year.closedAt } : {}),
          settings,
          today: shanghaiDate(now),
        }),
      {
        metadata: input.metadata(now, reason),
        // The approved budget and the settings as this process last saw them; the append checks both streams' versions.
        context: async (fresh) => {
          const [year, settings] = await Promise.all([this.budgets.approvedYear(department, fiscalYear, fresh), this.settings.forCommand(fiscalYear, fresh)]);
          return { year, settings: settings.settings, settingsVersion: settings.version };
        },
        unchanged: ({ year, settingsVersion }) => [
          ...(year.source ? [year.source] : []),
          { streamId: executionSettingsStreamId(fiscalYear), version: settingsVersion },
        ],
      },
    );
  }
}

export const sendExecutionCommand = (bus: CommandBus, ...args: ConstructorParameters<typeof HandleExecutionCommand>) => bus.execute(new HandleExecutionCommand(...args));
