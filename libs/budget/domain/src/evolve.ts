import { applyAdjustment, applyDraftChange } from './apply-draft-change';
import { appendBasicLines } from './content/basic-line-index';
import type { BasicLineProposed } from './events/draft-events';
import { basicLineFromWire } from './wire/content-wire';
import type { BudgetEvent } from './events/budget-events';
import { moneyFromWire } from './wire/money-wire';
import { emptyContent, initialBudget, latestVersion, type Budget, type RoundFigures, type RoundsRecord } from './state';
import { shanghaiDateOf } from './year-end/change-kinds';

/** The budget after one more event. Pure: the same events always rebuild the same state. */
export const evolve = (state: Budget, event: BudgetEvent): Budget => {
  const next = evolveStatus(state, event);
  return { ...next, streamVersion: state.streamVersion + 1 };
};

const evolveStatus = (state: Budget, event: BudgetEvent): Budget => {
  switch (event.type) {
    case 'DraftOpened':
      return {
        ...state,
        status: 'drafting',
        departmentCode: event.data.department.code,
        fiscalYear: event.data.fiscalYear,
        content: emptyContent(event.data.department, event.data.fiscalYear),
        ...(event.data.carriedFrom ? { carriedFrom: event.data.carriedFrom } : {}),
      };
    case 'IncomeDeclared':
    case 'IncomeRemoved':
    case 'CarryOverSet':
    case 'BasicLineProposed':
    case 'BasicLineRevised':
    case 'BasicLineWithdrawn':
    case 'ProjectProposed':
    case 'ProjectAdjusted':
    case 'ProjectWithdrawn':
    case 'ProjectScheduled':
    case 'UnitsSet':
    case 'DepartmentTextSet':
    case 'PriorYearSet':
    case 'FixedAssetsSet':
    case 'ProcurementSet':
      return { ...state, content: applyDraftChange(state.content!, event) };
    case 'ReviewStepPassed':
      return { ...state, reviewPassed: [...(state.reviewPassed ?? []), { step: event.data.step, by: event.data.by, at: event.data.at, ...(event.data.note ? { note: event.data.note } : {}) }] };
    case 'DraftSubmitted':
      return {
        ...state,
        reviewPassed: [],
        status: 'submitted',
        ...(event.data.round ? { rounds: withRound(state, { round: event.data.round, by: event.data.by, at: event.data.at, content: state.content }) } : {}),
      };
    case 'DraftReturned':
      return { ...state, status: 'drafting', lastReturnReason: event.data.reason, reviewPassed: [] };
    case 'DraftApproved':
      return {
        ...state,
        ...(event.data.round
          ? {
              rounds: withRound(state, {
                round: event.data.round,
                by: event.data.by,
                at: event.data.at,
                content: state.content,
                ...(event.data.documentNumber ? { documentNumber: event.data.documentNumber } : {}),
                ...(event.data.documentDate ? { documentDate: event.data.documentDate } : {}),
              }),
            }
          : {}),
        status: 'approved',
        lastReturnReason: undefined,
        versions: [
          ...state.versions,
          {
            version: event.data.version,
            content: state.content!,
            approvedBy: event.data.by,
            approvedAt: event.data.at,
            // The original budget is the year's from its first day (spending before approval counts against it).
            effectiveFrom: `${state.fiscalYear ?? shanghaiDateOf(event.data.at).slice(0, 4)}-01-01`,
            published: false,
          },
        ],
      };
    case 'VersionPublished': {
      const versions = state.versions.map((v) =>
        v.version === event.data.version ? { ...v, published: true, publishedBy: event.data.by, publishedAt: event.data.at } : v,
      );
      const latestPublished = latestVersion({ ...state, versions })?.published ?? false;
      return { ...state, versions, status: latestPublished ? 'published' : state.status };
    }
    case 'AdjustmentRequested':
      return {
        ...state,
        pendingAdjustment: {
          adjustmentId: event.data.adjustmentId,
          reason: event.data.reason,
          kind: event.data.kind ?? 'adjustment',
          ...(event.data.documentNumber ? { documentNumber: event.data.documentNumber } : {}),
          ...(event.data.effectiveDate ? { effectiveDate: event.data.effectiveDate } : {}),
          basedOnVersion: event.data.basedOnVersion,
          changes: event.data.changes,
          requestedBy: event.data.by,
          requestedAt: event.data.at,
        },
      };
    case 'AdjustmentApproved': {
      const pending = state.pendingAdjustment!;
      const content = applyAdjustment(latestVersion(state)!.content, pending.changes);
      const approvalDay = shanghaiDateOf(event.data.at);
      const effectiveFrom = event.data.effectiveDate ?? pending.effectiveDate ?? approvalDay;
      const documentNumber = event.data.documentNumber ?? pending.documentNumber;
      return {
        ...state,
        status: 'approved',
        content,
        pendingAdjustment: undefined,
        versions: [
          ...state.versions,
          {
            version: event.data.version,
            content,
            approvedBy: event.data.by,
            approvedAt: event.data.at,
            adjustmentId: pending.adjustmentId,
            reason: pending.reason,
            effectiveFrom,
            change: {
              adjustmentId: pending.adjustmentId,
              kind: pending.kind,
              ...(documentNumber ? { documentNumber } : {}),
              reason: pending.reason,
              backDated: effectiveFrom < approvalDay,
              ...(event.data.approvalReason ? { approvalReason: event.data.approvalReason } : {}),
            },
            published: false,
          },
        ],
      };
    }
    case 'AdjustmentRejected':
      return { ...state, pendingAdjustment: undefined };
    case 'BudgetYearClosed':
      return { ...state, closed: event.data };
    case 'ControlNumbersSet': {
      const { departmentCode, fiscalYear, total, basic, project } = event.data;
      const controlNumbers = {
        ...(total !== undefined ? { total: moneyFromWire(total) } : {}),
        ...(basic !== undefined ? { basic: moneyFromWire(basic) } : {}),
        ...(project !== undefined ? { project: moneyFromWire(project) } : {}),
      };
      // 一下: the control numbers go back to the department with its proposal, to be budgeted within (二上).
      if (event.data.round === '一下')
        return { ...state, departmentCode, fiscalYear, controlNumbers, status: 'drafting', rounds: withRound(state, { round: '一下', by: event.data.by, at: event.data.at, controlNumbers }) };
      return { ...state, departmentCode, fiscalYear, controlNumbers };
    }
    default:
      // An event another context writes on the budget stream (year-end close's BudgetYearClosed …) leaves the budget as it is.
      return state;
  }
};

const withRound = (state: Budget, figures: RoundFigures): RoundsRecord => ({
  current: figures.round,
  figures: [...(state.rounds?.figures ?? []), figures],
});

/**
 * The budget after all of `events`, as `evolve` one by one gives it, in linear time: a run of proposed lines (an
 * import's thousands) is appended to the lines in one copy instead of one copy per line.
 */
export const evolveAll = (state: Budget, events: readonly BudgetEvent[]): Budget => {
  let current = state;
  for (let start = 0; start < events.length; ) {
    let end = start;
    while (end < events.length && events[end]!.type === 'BasicLineProposed') end++;
    if (end - start < 2 || !current.content) {
      current = evolve(current, events[start]!);
      start++;
      continue;
    }
    const added = (events.slice(start, end) as BasicLineProposed[]).map((event) => basicLineFromWire(event.data.line));
    current = {
      ...current,
      content: { ...current.content, basicExpenditureLines: appendBasicLines(current.content.basicExpenditureLines, added) },
      streamVersion: current.streamVersion + added.length,
    };
    start = end;
  }
  return current;
};

/** Rebuilds a budget from its stream. */
export const rebuild = (events: readonly BudgetEvent[], from: Budget = initialBudget()): Budget => evolveAll(from, events);

/** Folds stored budget events (rows or recorded events: only `type` and `data` count) onto `from`. */
export const foldBudget = (events: readonly { type: string; data: unknown }[], from: Budget = initialBudget()): Budget =>
  rebuild(
    events.map((event) => ({ type: event.type, data: event.data }) as BudgetEvent),
    from,
  );
