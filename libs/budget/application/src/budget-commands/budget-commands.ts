import { Inject, Injectable, applyDecorators } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Budget, type BudgetCommand, type BudgetEvent, type BudgetYearSettings, type PaidToDate, budgetStreamId, budgetWeight, budgetYearSettingsStreamId, decideAll, foldBudget, initialBudget, latestVersion, nothingPaid } from '@budgetflow/budget-domain';
import { BudgetCommandAnswer, type CreatedAnswer } from '@budgetflow/contracts';
import type { EventStore } from '@budgetflow/event-store';
import { Answers, ApiController, CommandRoute, PathParam, CLOCK, type Clock, type CommandInput, EVENT_STORE, EventSourcedStreams, budgetAddress } from '@budgetflow/platform';
import type { YearCatalog } from '../catalog/catalog-entries';
import { CatalogService, catalogStreamId } from '../catalog/catalog.service';
import { BudgetSettingsService } from '../budget-settings/budget-settings.service';
import { EXECUTION_ACTUALS, type ExecutionActuals } from '../year-end/execution-actuals.port';

/** Commands whose decision depends on what has been paid: a 调剂's request and any approval (the pending kind is in the state), the close. */
const needsPaid = (command: BudgetCommand): boolean =>
  (command.type === 'RequestAdjustment' && command.kind === 'transfer') || command.type === 'ApproveAdjustment' || command.type === 'CloseYear';

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

/** `DELETE …/{param}`: withdraws an item of the draft named in the path; one that is not there answers 200 and appends nothing. */
export const WithdrawRoute = (summary: string, param: { name: string; description: string; example: string }) =>
  // Applied in the order they would stand under the route, bottom first (so the document lists the path parameter first).
  applyDecorators(Answers(BudgetCommandAnswer), PathParam(param.name, param.description, param.example), CommandRoute('DELETE', `:${param.name}`, summary));

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
      // Lines and projects rather than budgets (about 0.4 KB each): at most about 35 MB, every budget of a county.
      cacheWeight: 80_000,
      weigh: budgetWeight,
      conflictMessage: '预算已被他人同时修改，请刷新后重试',
    });
  }

  state({ department, fiscalYear }: BudgetAddress): Promise<Budget> {
    return this.streams.state(budgetStreamId(department, fiscalYear));
  }

  /** Unless `fresh`, the state this process last folded without asking the store (a command's append checks its version). */
  async forCommand(address: BudgetAddress, fresh: boolean): Promise<Budget> {
    return this.streams.forCommand(budgetStreamId(address.department, address.fiscalYear), fresh);
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
    private readonly settings: BudgetSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {}

  /** The execution context's figures through the port the app wires (absent in a budget-only world: nothing paid). */
  private async paidToDate(address: BudgetAddress): Promise<PaidToDate> {
    let actuals: ExecutionActuals | undefined;
    try {
      actuals = this.modules.get<ExecutionActuals>(EXECUTION_ACTUALS, { strict: false });
    } catch {
      actuals = undefined;
    }
    return actuals ? (await actuals.ofYear(address.department, address.fiscalYear)).paid : nothingPaid();
  }

  async execute({ address, commands, input, options }: HandleBudgetCommands): Promise<BudgetCommandAnswer> {
    // The reason of a return, a rejection or an adjustment request goes into the metadata of its events too.
    const reason = options.reason ?? commands.map((command) => ('reason' in command && typeof command.reason === 'string' ? command.reason : undefined)).find(Boolean);
    const metadata = input.metadata(this.clock(), reason);
    const readPaid = commands.some(needsPaid);
    const outcome = await this.budgets.streams.handle<BudgetEvent, { catalog: YearCatalog; settings: BudgetYearSettings; paid?: PaidToDate | undefined; versions: readonly [number, number] }>(
      budgetStreamId(address.department, address.fiscalYear),
      (state, { catalog, settings, paid }) => {
        options.precondition?.(state, catalog);
        return decideAll(commands, state, { now: new Date(metadata.recordedAt), catalog, settings, ...(paid ? { paid } : {}) });
      },
      {
        metadata,
        expectedVersion: input.ifMatch,
        // The catalog and the year's settings as this process last saw them; the append checks both streams' versions.
        context: async (fresh) => {
          const [catalog, settings, paid] = await Promise.all([
            this.catalogs.forCommand(address.fiscalYear, fresh),
            this.settings.forCommand(address.fiscalYear, fresh),
            readPaid ? this.paidToDate(address) : undefined,
          ]);
          return { catalog: catalog.catalog, settings: settings.settings, paid, versions: [catalog.version, settings.version] as const };
        },
        unchanged: ({ versions: [catalog, settings] }) => [
          { streamId: catalogStreamId(address.fiscalYear), version: catalog },
          { streamId: budgetYearSettingsStreamId(address.fiscalYear), version: settings },
        ],
      },
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

  /** `send` for a route that changes an item: the answer names it too. */
  protected async change<K extends string>(input: CommandInput, command: BudgetCommand, key: K, id: string): Promise<BudgetCommandAnswer & Record<K, string>> {
    return { ...(await this.send(input, command)), [key]: id } as BudgetCommandAnswer & Record<K, string>;
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
