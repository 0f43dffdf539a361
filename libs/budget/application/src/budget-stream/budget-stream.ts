import { Inject, Injectable } from '@nestjs/common';
import {
  type Budget,
  type BudgetCommand,
  budgetStreamId,
  decideAll,
  foldBudget,
  initialBudget,
} from '@budgetflow/budget-domain';
import { ConcurrencyError, type EventMetadata, type EventStore, type RecordedEvent } from '@budgetflow/event-store';
import { httpProblem } from '@budgetflow/http';
import { CatalogService } from '../catalog/catalog.service';
import { rememberRecent } from '../shared/remember-recent';
import { CLOCK, type Clock, EVENT_STORE } from '../shared/tokens';

export interface LoadedBudget {
  state: Budget;
  events: RecordedEvent[];
}

/** What a command answers: where the stream stands now, so clients can send `If-Match` and wait for projections. */
export interface CommandOutcome {
  streamId: string;
  /** Stream version after the command (the ETag). */
  version: number;
  /** Global position of the last event written; absent when the command changed nothing. */
  position?: string;
  events: string[];
}

/**
 * One department-year budget stream: load (fold the events), decide, append with the expected version.
 * The only place budget commands touch the store; every HTTP write goes through `execute`.
 */
@Injectable()
export class BudgetStream {
  /**
   * Folded states by stream, so a command reads only the events it has not seen yet. Safe across instances:
   * the stream itself says what is new, and a stale state loses at append with a concurrency error.
   */
  private readonly folded = new Map<string, Budget>();
  private static readonly MAX_FOLDED = 2000;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly catalogs: CatalogService,
  ) {}

  /** The whole stream and its state (history needs the events). */
  async load(department: string, fiscalYear: number): Promise<LoadedBudget> {
    const events = await this.store.readStream(budgetStreamId(department, fiscalYear));
    return { state: foldBudget(events), events };
  }

  /** The budget as it stands, reading only the events after the last state this process folded. */
  async state(department: string, fiscalYear: number): Promise<Budget> {
    const streamId = budgetStreamId(department, fiscalYear);
    const known = this.folded.get(streamId) ?? initialBudget();
    const newer = await this.store.readStream(streamId, { fromVersion: known.streamVersion + 1 });
    return this.remember(streamId, foldBudget(newer, known));
  }

  private remember(streamId: string, state: Budget): Budget {
    return rememberRecent(this.folded, streamId, state, BudgetStream.MAX_FOLDED);
  }

  /**
   * Decides a batch of commands against the stream and appends all their events atomically.
   * `ifMatch`: the version the client last saw (`If-Match`); a mismatch is 412. Without it a concurrent
   * writer between load and append still loses with 409, never silently.
   */
  async execute(
    department: string,
    fiscalYear: number,
    commands: readonly BudgetCommand[],
    metadata: EventMetadata,
    ifMatch?: number,
  ): Promise<CommandOutcome> {
    const streamId = budgetStreamId(department, fiscalYear);
    // Two independent reads on two connections: one round trip of waiting instead of two.
    const [state, catalog] = await Promise.all([this.state(department, fiscalYear), this.catalogs.forYear(fiscalYear)]);
    if (ifMatch !== undefined && ifMatch !== state.streamVersion) {
      throw httpProblem('PRECONDITION_FAILED', `预算当前版本为 ${state.streamVersion}，请求基于版本 ${ifMatch}`);
    }
    const ctx = { now: new Date(metadata.recordedAt), catalog };
    const decided = decideAll(commands, state, ctx);
    const { events } = decided;
    if (events.length === 0) return { streamId, version: state.streamVersion, events: [] };
    try {
      const result = await this.store.append(streamId, events, state.streamVersion === 0 ? 'no-stream' : state.streamVersion, metadata);
      // The decided state is the stream through exactly these events: the next command starts from it (and from
      // the line index its fold carried along) instead of folding them again.
      this.remember(streamId, decided.state);
      return { streamId, version: result.nextExpectedVersion, position: result.globalPosition.toString(), events: events.map((e) => e.type) };
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        throw httpProblem('CONCURRENT_MODIFICATION', '预算已被他人同时修改，请刷新后重试');
      }
      throw error;
    }
  }

  now(): Date {
    return this.clock();
  }
}
