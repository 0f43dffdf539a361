import { Inject, Injectable, applyDecorators } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Budget, type BudgetCommand, type BudgetEvent, budgetStreamId, decideAll, foldBudget, initialBudget, latestVersion } from '@budgetflow/budget-domain';
import type { BudgetCommandAnswer, CreatedAnswer } from '@budgetflow/contracts';
import type { EventStore } from '@budgetflow/event-store';
import { ApiController, PathParam, CLOCK, type Clock, type CommandInput, EVENT_STORE, EventSourcedStreams, budgetAddress } from '@budgetflow/platform';
import type { YearCatalog } from '../catalog/catalog-entries';
import { CatalogService } from '../catalog/catalog.service';

/** The path parameters of a budget route, as they come. */
export type BudgetParams = { department: string; year: string };

/** Where a budget command goes: one department's budget of one fiscal year (`budget-{dept}-{year}`). */
export interface BudgetAddress {
  department: string;
  fiscalYear: number;
}

/** Documents the `{department}/{year}` path parameters of a budget route (so "Try it out" can fill them). */
export const BudgetRoute = () =>
  applyDecorators(PathParam('department', '部门编码（1–32 位字母或数字）', '501'), PathParam('year', '预算年度（四位数字）', 2024));

/** A controller of budget routes under `v1/budgets/{department}/{year}/…`: its OpenAPI tag, bearer auth, path parameters. */
export const BudgetController = (tag: string, path = '') =>
  applyDecorators(ApiController(tag, `v1/budgets/:department/:year${path ? `/${path}` : ''}`), BudgetRoute());

/** The `{department}/{year}` of a budget route, checked (400 with both problems when both are wrong). */
export const budgetAddressOf = (input: Pick<CommandInput, 'params'>): BudgetAddress => budgetAddress(input.params.department ?? '', input.params.year ?? '');

/** What a budget command answers (where the stream stands now, for `If-Match` and read-your-writes): a contract the console reads. */
export type { BudgetCommandAnswer } from '@budgetflow/contracts';

/**
 * Budget commands decided against one department-year stream and appended as one atomic write. `precondition`
 * runs on the exact state the commands are decided on (e.g. the 勾稽 checks before 报送), so nothing can slip in
 * between a check and the write.
 */
export class HandleBudgetCommands extends Command<BudgetCommandAnswer> {
  constructor(
    readonly address: BudgetAddress,
    readonly commands: readonly BudgetCommand[],
    readonly input: Pick<CommandInput, 'ifMatch' | 'metadata'>,
    readonly options: { reason?: string; precondition?: (state: Budget, catalog: YearCatalog) => void } = {},
  ) {
    super();
  }
}

/** The budget streams of this process: their folded states (cached) for commands, queries and other contexts' ports. */
@Injectable()
export class BudgetStreams {
  readonly streams: EventSourcedStreams<Budget>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.streams = new EventSourcedStreams<Budget>(store, {
      initial: initialBudget,
      fold: foldBudget,
      versionOf: (state) => state.streamVersion,
      conflictMessage: '预算已被他人同时修改，请刷新后重试',
    });
  }

  state({ department, fiscalYear }: BudgetAddress): Promise<Budget> {
    return this.streams.state(budgetStreamId(department, fiscalYear));
  }

  /** The whole stream and its state (history needs the events). */
  load({ department, fiscalYear }: BudgetAddress) {
    return this.streams.load(budgetStreamId(department, fiscalYear));
  }
}

@CommandHandler(HandleBudgetCommands)
export class BudgetCommandHandler implements ICommandHandler<HandleBudgetCommands, BudgetCommandAnswer> {
  constructor(
    private readonly budgets: BudgetStreams,
    private readonly catalogs: CatalogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ address, commands, input, options }: HandleBudgetCommands): Promise<BudgetCommandAnswer> {
    // The reason of a return, a rejection or an adjustment request goes into the metadata of its events too.
    const reason = options.reason ?? commands.map((command) => ('reason' in command && typeof command.reason === 'string' ? command.reason : undefined)).find(Boolean);
    const metadata = input.metadata(this.clock(), reason);
    const outcome = await this.budgets.streams.handle<BudgetEvent, YearCatalog>(
      budgetStreamId(address.department, address.fiscalYear),
      (state, catalog) => {
        options.precondition?.(state, catalog);
        return decideAll(commands, state, { now: new Date(metadata.recordedAt), catalog });
      },
      { metadata, expectedVersion: input.ifMatch, context: () => this.catalogs.forYear(address.fiscalYear) },
    );
    const approved = latestVersion(outcome.after)?.version;
    return {
      streamId: outcome.streamId,
      version: outcome.version,
      ...(outcome.position ? { position: outcome.position } : {}),
      events: outcome.events.map((event) => event.type),
      ...(approved !== undefined ? { approvedVersion: approved } : {}),
    };
  }
}

/**
 * What every budget command route does once its command is read: refuse the body's unknown or bad fields (400, all
 * at once), send the commands on the command bus, answer with the new version as ETag.
 */
@Injectable()
export abstract class BudgetCommandRoutes {
  constructor(private readonly bus: CommandBus) {}

  protected async send(input: CommandInput, commands: BudgetCommand | readonly BudgetCommand[], options: HandleBudgetCommands['options'] = {}): Promise<BudgetCommandAnswer> {
    return input.answer(await this.dispatch(input, commands, options));
  }

  /** `send` for a route that creates something: the answer names it (`lineId`, `adjustmentId` …) and where it lives. */
  protected async create<K extends string>(input: CommandInput, command: BudgetCommand, key: K, id: string): Promise<CreatedAnswer<K>> {
    return input.created(await this.dispatch(input, command), key, id);
  }

  private dispatch(input: CommandInput, commands: BudgetCommand | readonly BudgetCommand[], options: HandleBudgetCommands['options'] = {}): Promise<BudgetCommandAnswer> {
    const address = budgetAddressOf(input);
    input.body.done();
    const batch = Array.isArray(commands) ? commands : [commands as BudgetCommand];
    return this.bus.execute(new HandleBudgetCommands(address, batch, input, options));
  }
}
