import { Inject, Injectable } from '@nestjs/common';
import { Decimal, type Money } from '@budgetflow/budget-domain';
import type { ExecutionActuals, ExecutionActualsOfYear, IndicatorActual } from '@budgetflow/budget-application';
import type { EventStore } from '@budgetflow/event-store';
import { type ExecutionEvent, type IndicatorProgressRecorded, executionStreamId, foldLedger, reportedFigures } from '@budgetflow/execution-domain';
import { EVENT_STORE } from '@budgetflow/platform';

/**
 * Execution → budget: what was paid per line and project (payments less reversals) and the indicator reports of the
 * year, folded from the department-year execution stream itself (not a read model: the close fixes these figures and
 * must see every payment written before it).
 */
@Injectable()
export class ExecutionActualsFromExecutionStreams implements ExecutionActuals {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async ofYear(department: string, fiscalYear: number): Promise<ExecutionActualsOfYear> {
    const events = (await this.store.readStream(executionStreamId(department, fiscalYear))).map((e) => ({ type: e.type, data: e.data }) as ExecutionEvent);
    const ledger = foldLedger(events);
    const basicLines = new Map<string, Money>();
    const projects = new Map<string, Money>();
    let paidTotal = new Decimal(0);
    for (const [key, amount] of ledger.netByTarget) {
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      (kind === 'basic' ? basicLines : projects).set(id, amount);
      paidTotal = paidTotal.plus(amount);
    }
    const indicatorReports: IndicatorActual[] = events
      .filter((e): e is IndicatorProgressRecorded => e.type === 'IndicatorProgressRecorded')
      .map(({ data }) => ({
        projectCode: data.projectCode,
        indicator: data.indicator,
        date: data.date,
        ...reportedFigures(data),
      }));
    return { paid: { basicLines, projects }, paidTotal, indicatorReports };
  }
}
