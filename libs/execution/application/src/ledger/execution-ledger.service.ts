import { Inject, Injectable } from '@nestjs/common';
import { latestVersion } from '@budgetflow/budget-domain';
import { BudgetStream, CLOCK, type Clock, EVENT_STORE } from '@budgetflow/budget-application';
import { ConcurrencyError, type EventMetadata, type EventStore } from '@budgetflow/event-store';
import {
  type ExecutionCommand,
  type ExecutionEvent,
  type ExecutionLedger,
  approvedBudgetOf,
  decideExecution,
  executionStreamId,
  foldLedger,
  shanghaiDate,
} from '@budgetflow/execution-domain';
import { httpProblem } from '@budgetflow/http';
import { ExecutionSettingsService } from '../settings/execution-settings.service';

/** What an execution write answers: the events written (none for a retry) and where the stream stands. */
export interface ExecutionOutcome {
  streamId: string;
  version: number;
  /** Global position of the last event written: pass it as `after` to read your write. */
  position?: string;
  events: ExecutionEvent[];
  /** The ledger before the write (to answer a retried payment with what was recorded). */
  before: ExecutionLedger;
}

/**
 * One department-year execution stream (`execution-{dept}-{year}`), apart from the budget stream so that a year
 * of payments never contends with budget edits. A write loads the budget's latest approved version, finance's
 * settings and the ledger, decides, and appends all its events at once with the expected version; a concurrent
 * writer makes it decide again (a payment checked against a stale remainder must not slip through).
 */
@Injectable()
export class ExecutionLedgerService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly budgets: BudgetStream,
    private readonly settings: ExecutionSettingsService,
  ) {}

  /**
   * Ledgers as this process last folded them, so a payment reads only the events it has not seen (a year of
   * payments is thousands of events). Safe across instances: the stream says what is new, and a stale ledger
   * loses at append with a concurrency error and decides again.
   */
  private readonly folded = new Map<string, ExecutionLedger>();
  /** Payments held across the kept ledgers (about 0.5 KB each): the least recently used ledgers go first. */
  private static readonly MAX_PAYMENTS_KEPT = 50_000;
  private paymentsKept = 0;

  async load(department: string, fiscalYear: number): Promise<ExecutionLedger> {
    const streamId = executionStreamId(department, fiscalYear);
    const known = this.folded.get(streamId);
    const newer = await this.store.readStream(streamId, { fromVersion: (known?.streamVersion ?? 0) + 1 });
    // foldLedger copies what it starts from: the kept ledger is never changed by a caller's fold.
    const ledger = foldLedger(
      newer.map((e) => ({ type: e.type, data: e.data }) as ExecutionEvent),
      known,
    );
    this.forget(streamId);
    if (ledger.payments.size <= ExecutionLedgerService.MAX_PAYMENTS_KEPT) {
      this.folded.set(streamId, ledger); // (re-)inserted last: the Map's order is the recency order
      this.paymentsKept += ledger.payments.size;
    }
    for (const [oldest, kept] of this.folded) {
      if (this.paymentsKept <= ExecutionLedgerService.MAX_PAYMENTS_KEPT) break;
      this.forget(oldest, kept);
    }
    return ledger;
  }

  private forget(streamId: string, kept = this.folded.get(streamId)): void {
    if (!kept) return;
    this.folded.delete(streamId);
    this.paymentsKept -= kept.payments.size;
  }

  now(): Date {
    return this.clock();
  }

  async execute(department: string, fiscalYear: number, command: ExecutionCommand, metadata: EventMetadata): Promise<ExecutionOutcome> {
    const streamId = executionStreamId(department, fiscalYear);
    for (let attempt = 1; ; attempt++) {
      const [budgetState, settings, ledger] = await Promise.all([this.budgets.state(department, fiscalYear), this.settings.current(fiscalYear), this.load(department, fiscalYear)]);
      const approved = latestVersion(budgetState);
      const events = decideExecution(command, ledger, {
        department,
        fiscalYear,
        budget: approved ? approvedBudgetOf(approved.content, approved.version, approved.approvedAt) : undefined,
        settings,
        today: shanghaiDate(this.clock()),
      });
      if (events.length === 0) return { streamId, version: ledger.streamVersion, events, before: ledger };
      try {
        const result = await this.store.append(streamId, events, ledger.streamVersion === 0 ? 'no-stream' : ledger.streamVersion, metadata);
        return { streamId, version: result.nextExpectedVersion, position: result.globalPosition.toString(), events, before: ledger };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (attempt >= 3) throw httpProblem('CONCURRENT_MODIFICATION', '执行台账正被同时写入，请稍后重试');
      }
    }
  }
}
