import { Get, Param, Query, Res, applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type BudgetContent, budgetFactsFields, budgetTotals, contentToWire, diffContent, diffRounds, draftWarnings, foldBudget, roundFiguresOf, roundNameOf } from '@budgetflow/budget-domain';
import { roundCsv, roundXlsx, TOTALS_ONLY_NOTE } from '@budgetflow/budget-projections';
import { BudgetDiff, BudgetHistory, BudgetRounds, BudgetRoundsDiff, BudgetView, type ControlNumbersView } from '@budgetflow/contracts';
import { Answers, AnswersFile, ApiController, type Actor, CurrentActor, PathParam, Public, QueryParam, Refuses, httpProblem, budgetAddress } from '@budgetflow/platform';
import { type BudgetParams, BudgetRoute, BudgetStreams } from '../budget-commands/budget-commands';
import { assertMayReadUnpublished, parseVersionSpec, selectVersion } from './budget-versions';

const totalsToWire = (content: BudgetContent) => {
  const totals = budgetTotals(content);
  return { income: totals.totalIncome.toFixed(2), basic: totals.basic.toFixed(2), project: totals.project.toFixed(2), total: totals.expenditure.toFixed(2) };
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A read of what is not published (a department only its own; 404 for a budget the caller may not see or that is not there). */
const UnpublishedRead = (path: string, summary: string) => applyDecorators(Get(path), ApiOperation({ summary }), Refuses(400, 401, 403, 404));
/** `round-501-2025-一上.csv`, the Chinese name RFC 5987-encoded (an ASCII fallback first). */
const roundFileName = (meta: { department: string; fiscalYear: number }, round: string, ext: string) =>
  `attachment; filename="round-${meta.department}-${meta.fiscalYear}.${ext}"; filename*=UTF-8''${encodeURIComponent(`round-${meta.department}-${meta.fiscalYear}-${round}.${ext}`)}`;

/**
 * Reading a budget: as it stands (any version), its history (who, role, when, what, why), the diff between
 * versions and draft warnings, folded from the stream. Published versions are public. The disclosure (tables,
 * narrative, consistency, exports) is served from its projection: see `disclosure/disclosure.http.ts`.
 */
@BudgetRoute()
@ApiController('budget queries', 'v1/budgets/:department/:year')
export class BudgetQueriesController {
  constructor(
    private readonly budgets: BudgetStreams,
  ) {}

  private async selected(params: BudgetParams, versionQuery: string | undefined, actor: Actor | undefined) {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    const { state, events } = await this.budgets.load({ department, fiscalYear });
    const mayReadDrafts = actor !== undefined && (actor.role !== 'department' || actor.department === department);
    const selected = selectVersion(state, department, parseVersionSpec(versionQuery, mayReadDrafts ? 'draft' : 'published'), actor);
    return { department, fiscalYear, state, events, selected };
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '预算现状（草案或任一版本）' })
  @QueryParam('version', 'draft | approved | published | 版本号（未登录者只能读已公开版本；默认：有权读草案者为 draft，其他人为 published）', { example: 'published' })
  @Answers(BudgetView)
  @Refuses(400, 401, 403, { 404: ['NOT_FOUND', 'VERSION_NOT_FOUND'] })
  async budget(@Param() params: BudgetParams, @Query('version') version: string | undefined, @CurrentActor() actor: Actor | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<BudgetView> {
    const { department, fiscalYear, state, selected } = await this.selected(params, version, actor);
    const insider = actor !== undefined && (actor.role !== 'department' || actor.department === department);
    void reply.header('etag', `"${state.streamVersion}"`);
    return {
      department,
      fiscalYear,
      version: selected.version,
      published: selected.published,
      ...(insider
        ? {
            status: state.status,
            streamVersion: state.streamVersion,
            controlNumbers: state.controlNumbers
              ? (Object.fromEntries(Object.entries(state.controlNumbers).map(([cap, amount]) => [cap, amount?.toFixed(2)])) as ControlNumbersView)
              : undefined,
            lastReturnReason: state.lastReturnReason,
            pendingAdjustment: state.pendingAdjustment
              ? {
                  adjustmentId: state.pendingAdjustment.adjustmentId,
                  reason: state.pendingAdjustment.reason,
                  requestedBy: state.pendingAdjustment.requestedBy,
                  requestedAt: state.pendingAdjustment.requestedAt,
                  kind: state.pendingAdjustment.kind,
                  ...(state.pendingAdjustment.documentNumber ? { documentNumber: state.pendingAdjustment.documentNumber } : {}),
                  ...(state.pendingAdjustment.effectiveDate ? { effectiveDate: state.pendingAdjustment.effectiveDate } : {}),
                }
              : undefined,
            ...(state.closed ? { closed: { closedAt: state.closed.closedAt, closedBy: state.closed.closedBy, carryOver: state.closed.carryOver } } : {}),
            warnings: draftWarnings(selected.content),
            ...(state.carriedFrom ? { carriedFrom: state.carriedFrom } : {}),
            ...(state.rounds ? { round: state.rounds.current } : {}),
          }
        : {}),
      versions: state.versions
        .filter((v) => insider || v.published)
        .map((v) => ({ version: v.version, approvedBy: v.approvedBy, approvedAt: v.approvedAt, published: v.published, publishedAt: v.publishedAt, adjustmentId: v.adjustmentId, reason: v.reason, effectiveFrom: v.effectiveFrom, ...(v.change ? { change: v.change } : {}) })),
      content: contentToWire(selected.content),
      // The contract of budget-facts/1 readers: units, lines and projects (with unit, fromCarryOver) at the top.
      ...budgetFactsFields(selected.content),
    };
  }

  @UnpublishedRead('rounds', '各轮次数字（一上、一下控制数、二上、二下批复文号），每轮一个可读版本')
  @Answers(BudgetRounds)
  async rounds(@Param() params: BudgetParams, @CurrentActor() actor: Actor): Promise<BudgetRounds> {
    const { department, fiscalYear, rounds } = await this.roundsOf(params, actor);
    return {
      department,
      fiscalYear,
      current: rounds?.current,
      rounds: (rounds?.figures ?? []).map((figures) => ({
        round: figures.round,
        by: figures.by,
        at: figures.at,
        ...(figures.content ? { totals: totalsToWire(figures.content), content: contentToWire(figures.content), ...budgetFactsFields(figures.content) } : {}),
        ...(figures.controlNumbers
          ? { controlNumbers: Object.fromEntries(Object.entries(figures.controlNumbers).map(([cap, amount]) => [cap, amount?.toFixed(2)])) as ControlNumbersView }
          : {}),
        ...(figures.documentNumber ? { documentNumber: figures.documentNumber } : {}),
        ...(figures.documentDate ? { documentDate: figures.documentDate } : {}),
      })),
    };
  }

  /** A year of four rounds' record, read under the budget read rule (a department only its own; 404 otherwise). */
  private async roundsOf(params: BudgetParams, actor: Actor) {
    const { department, fiscalYear, state } = await this.unpublished(params, actor);
    if (state.status === 'none') throw httpProblem('NOT_FOUND', '预算不存在');
    return { department, fiscalYear, rounds: state.rounds };
  }

  /** The budget's stream under the read rule of what is not published (a department only its own). */
  private async unpublished(params: BudgetParams, actor: Actor) {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    assertMayReadUnpublished(department, actor);
    return { department, fiscalYear, ...(await this.budgets.load({ department, fiscalYear })) };
  }

  @UnpublishedRead('rounds/diff', '两个轮次数字之间的差异（如 一上→二上）：都有明细时逐行比较（同 …/diff）；一下只有控制数，按合计数比较并注明')
  @QueryParam('from', '一上 | 一下 | 二上 | 二下', { example: '一上', required: true })
  @QueryParam('to', '一上 | 一下 | 二上 | 二下', { example: '二上', required: true })
  @Answers(BudgetRoundsDiff)
  async roundsDiff(@Param() params: BudgetParams, @Query('from') from: string | undefined, @Query('to') to: string | undefined, @CurrentActor() actor: Actor): Promise<BudgetRoundsDiff> {
    if (!from || !to) throw httpProblem('VALIDATION_FAILED', '需要 from 与 to 两个轮次', [{ field: from ? 'to' : 'from', code: 'FIELD_REQUIRED', message: '必填（一上、一下、二上、二下）' }]);
    const fromRound = roundNameOf(from, 'from');
    const toRound = roundNameOf(to, 'to');
    const { department, fiscalYear, rounds } = await this.roundsOf(params, actor);
    const diff = diffRounds(roundFiguresOf(rounds, fromRound, 'from'), roundFiguresOf(rounds, toRound, 'to'));
    return {
      department,
      fiscalYear,
      from: fromRound,
      to: toRound,
      basis: diff.basis,
      ...(diff.basis === 'totals' ? { note: `${TOTALS_ONLY_NOTE}，按合计数（支出合计、基本支出、项目支出）比较` } : {}),
      changes: diff.changes.map((change) => ({ ...change, before: change.before?.toFixed(2), after: change.after?.toFixed(2), delta: change.delta.toFixed(2) })),
    };
  }

  @UnpublishedRead('rounds/:round.csv', '导出一个轮次的数字（CSV，UTF-8 BOM）：合计、收入、基本支出、项目支出；一下只有控制数')
  @PathParam('round', '一上 | 一下 | 二上 | 二下', '二上')
  @AnswersFile('text/csv', '该轮次的数字（CSV，UTF-8 BOM）')
  async roundCsv(@Param() params: BudgetParams & { round: string }, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { meta, figures } = await this.roundToExport(params, actor);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', roundFileName(meta, figures.round, 'csv'));
    return roundCsv(meta, figures);
  }

  @UnpublishedRead('rounds/:round.xlsx', '导出一个轮次的数字（XLSX）：合计、收入、基本支出、项目支出；一下只有控制数')
  @PathParam('round', '一上 | 一下 | 二上 | 二下', '二上')
  @AnswersFile(XLSX, '该轮次的数字（XLSX）')
  async roundXlsx(@Param() params: BudgetParams & { round: string }, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { meta, figures } = await this.roundToExport(params, actor);
    void reply.header('content-type', XLSX).header('content-disposition', roundFileName(meta, figures.round, 'xlsx'));
    return roundXlsx(meta, figures);
  }

  private async roundToExport(params: BudgetParams & { round: string }, actor: Actor) {
    const round = roundNameOf(params.round);
    const { department, fiscalYear, rounds } = await this.roundsOf(params, actor);
    return { meta: { department, fiscalYear }, figures: roundFiguresOf(rounds, round) };
  }

  @UnpublishedRead('history', '预算历史：每个事件的操作人、角色、时间、内容与理由')
  @Answers(BudgetHistory)
  async history(@Param() params: BudgetParams, @CurrentActor() actor: Actor): Promise<BudgetHistory> {
    const { department, fiscalYear, events } = await this.unpublished(params, actor);
    if (events.length === 0) throw httpProblem('NOT_FOUND', '预算不存在');
    return {
      department,
      fiscalYear,
      events: events.map((event) => ({
        version: event.streamVersion,
        type: event.type,
        at: event.metadata.recordedAt,
        userId: event.metadata.userId,
        role: event.metadata.role,
        department: event.metadata.department,
        reason: event.metadata.reason,
        correlationId: event.metadata.correlationId,
        // Every event's data is a JSON object (the store's port types it as unknown).
        data: event.data as Record<string, unknown>,
      })),
    };
  }

  @Get('diff')
  @Public()
  @ApiOperation({ summary: '两个版本之间的逐行差异（调整前后金额）；from=returned 为最近一次退回时的草案（看部门退回后改了什么）' })
  @QueryParam('from', '起始版本：draft | approved | published | 版本号 | returned（最近一次退回时的草案）', { required: true, example: '1' })
  @QueryParam('to', '目标版本：draft | approved | published | 版本号', { required: true, example: 'draft' })
  @Answers(BudgetDiff)
  @Refuses(400, 401, 403, 404)
  async diff(@Param() params: BudgetParams, @Query('from') from: string | undefined, @Query('to') to: string | undefined, @CurrentActor() actor: Actor | undefined): Promise<BudgetDiff> {
    if (!from || !to) throw httpProblem('VALIDATION_FAILED', '需要 from 与 to 两个版本', [{ field: from ? 'to' : 'from', code: 'FIELD_REQUIRED', message: '必填' }]);
    const returned = from === 'returned';
    const { department, fiscalYear, state, events } = await this.selected(params, returned ? 'draft' : from, actor);
    const before: { version: BudgetDiff['from']; content: BudgetContent | undefined } = returned ? { version: 'returned', content: this.returnedContent(events) } : selectVersion(state, department, parseVersionSpec(from, 'draft'), actor);
    if (!before.content) throw httpProblem('NOT_FOUND', '该预算草案没有被退回过');
    const after = selectVersion(state, department, parseVersionSpec(to, 'draft'), actor);
    const changes = diffContent(before.content, after.content).map((change) => ({
      ...change,
      before: change.before?.toFixed(2),
      after: change.after?.toFixed(2),
      delta: change.delta.toFixed(2),
    }));
    return { department, fiscalYear, from: before.version, to: after.version, changes };
  }

  /** The draft as finance returned it last time (the stream folded up to its last DraftReturned), if ever. */
  private returnedContent(events: readonly { type: string; data: unknown }[]): BudgetContent | undefined {
    const last = events.map((event) => event.type).lastIndexOf('DraftReturned');
    return last < 0 ? undefined : foldBudget(events.slice(0, last + 1)).content;
  }
}
