import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BulkPaymentsAnswer, BulkPaymentsRequest, Ledger, PaymentRecordedAnswer, PaymentRequest, PaymentReversedAnswer, type PaymentWarning, ReversePaymentRequest } from '@budgetflow/contracts';
import { ExecutionError, type PaymentRecorded, authorizeExecutionWrite, readPaymentEntry } from '@budgetflow/execution-domain';
import { Answers, ApiController, BodySchema, type Actor, type CommandInput, CurrentActor, Input, PathParam, QueryParam, Refuses } from '@budgetflow/platform';
import { sendExecutionCommand } from '../execution-commands/execution-commands';
import { MonitoringReader } from '../monitoring/monitoring-reader';
import { ExecutionRoute, executionAddress, requireReader } from '../shared/execution-request';
import { csvPaymentRows, onFileLines, paymentToWire, readPaymentRows } from './payment-wire';

type Params = { department: string; year: string };

/**
 * 支出执行 — the department's payments against its approved basic lines and projects: one at a time, or thousands
 * per request (JSON array or CSV), idempotent by voucher; corrections are reversing entries, never edits.
 */
@ExecutionRoute()
@ApiController('execution', 'v1/execution/:department/:year/payments')
export class PaymentsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly reader: MonitoringReader,
  ) {}

  @Post()
  @ApiOperation({ summary: '登记一笔支出（部门）：同凭证同内容返回原记录（200），同凭证不同内容 409' })
  @BodySchema(PaymentRequest)
  @Answers(PaymentRecordedAnswer, { status: 201, description: '新登记的支出' })
  @Answers(PaymentRecordedAnswer, { status: 200, description: '同凭证同内容：原记录，未再写入' })
  @Refuses(
    { 400: ['VOUCHER_INVALID', 'DATE_INVALID', 'AMOUNT_INVALID', 'AMOUNT_TOO_PRECISE', 'PAYMENT_TARGET_AMBIGUOUS', 'FIELD_REQUIRED', 'FIELD_NOT_ALLOWED'] },
    { 404: ['PAYMENT_TARGET_NOT_FOUND'], 409: ['VOUCHER_CONFLICT'], 422: ['AMOUNT_NOT_POSITIVE', 'PAYMENT_DATE_OUTSIDE_FISCAL_YEAR', 'PAYMENT_EXCEEDS_REMAINING'] },
    401,
    403,
    412,
  )
  async record(@Input() input: CommandInput, @Res({ passthrough: true }) reply: FastifyReply): Promise<PaymentRecordedAnswer> {
    const address = executionAddress(input.params.department, input.params.year);
    authorizeExecutionWrite(input.actor, address.department);
    const read = readPaymentEntry(input.rawBody ?? {});
    if (!read.entry) throw new ExecutionError(read.problems);
    const outcome = await sendExecutionCommand(this.bus, address, { type: 'RecordPayments', actor: input.actor, entries: [read.entry], bulk: false }, input);
    const written = outcome.events[0] as PaymentRecorded | undefined;
    void reply.status(written ? 201 : 200);
    return {
      recorded: written !== undefined,
      payment: written ? paymentToWire(written.data) : paymentToWire(outcome.before.payments.get(read.entry.voucher)!),
      warnings: written?.data.overspend ? [overspendWarning(written, 0)] : [],
      streamId: outcome.streamId,
      version: outcome.version,
      ...(outcome.position ? { position: outcome.position } : {}),
    };
  }

  @Post('bulk')
  @BodySchema(BulkPaymentsRequest, { csv: '支出的 JSON 数组，或带表头的 text/csv（错误以文件行号 line[n].字段 报告，表头为第 1 行）' })
  @Answers(BulkPaymentsAnswer, { status: 201, description: '有新登记的支出' })
  @Answers(BulkPaymentsAnswer, { status: 200, description: '全部为已登记的凭证（同内容），未写入' })
  @Refuses({ 400: ['CSV_INVALID', 'FIELD_TYPE_INVALID'] }, 401, 403, 404, 409, 412, 422)
  @ApiOperation({ summary: '批量登记支出（JSON 数组或带表头的 CSV）：全部成功或全部不登记，逐行逐项报错——JSON 为 rows[i].字段（从 0 数），CSV 为 line[n].字段（文件中的行号，表头为第 1 行）' })
  async recordMany(@Input() input: CommandInput, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<BulkPaymentsAnswer> {
    const address = executionAddress(input.params.department, input.params.year);
    authorizeExecutionWrite(input.actor, address.department);
    const csv = /^text\/csv\b/i.test(request.headers['content-type'] ?? '') ? csvPaymentRows(request.body) : undefined;
    const rows = csv ? csv.rows : Array.isArray(request.body) ? request.body : undefined;
    if (!rows) throw new ExecutionError([{ field: 'body', code: 'FIELD_TYPE_INVALID', message: '请求体应为支出的 JSON 数组，或 text/csv' }]);
    // A CSV's refusals name the lines of the file (header line 1), not the index of the row.
    const inFileTerms = <T>(work: () => T): T => {
      try {
        return work();
      } catch (error) {
        throw csv && error instanceof ExecutionError ? onFileLines(error, csv.lines) : error;
      }
    };
    const read = inFileTerms(() => readPaymentRows(rows, (index) => `rows[${index}].`));
    const { entries } = read;
    // Rows that could not be read go along: the decider refuses them together with what it finds in the others.
    const command = { type: 'RecordPayments' as const, actor: input.actor, entries, bulk: true, rows: read.rows, unreadable: read.problems };
    const outcome = await sendExecutionCommand(this.bus, address, command, input).catch((error: unknown) => {
      throw csv && error instanceof ExecutionError ? onFileLines(error, csv.lines) : error;
    });
    const written = outcome.events as PaymentRecorded[];
    const rowOf = new Map(entries.map((entry, index) => [entry.voucher, read.rows[index]]));
    const lineOf = (row: number) => (csv ? { line: csv.lines[row] } : {});
    void reply.status(written.length > 0 ? 201 : 200);
    return {
      received: entries.length,
      recorded: written.length,
      unchanged: entries.length - written.length,
      warnings: written.filter((event) => event.data.overspend).map((event) => ({ ...overspendWarning(event, rowOf.get(event.data.voucher)!), ...lineOf(rowOf.get(event.data.voucher)!) })),
      streamId: outcome.streamId,
      version: outcome.version,
      ...(outcome.position ? { position: outcome.position } : {}),
    };
  }

  @Post(':voucher/reverse')
  @ApiOperation({ summary: '冲销一笔支出（部门）：追加冲销分录，原记录不变' })
  @PathParam('voucher', '支出凭证号', '2024-0612')
  @BodySchema(ReversePaymentRequest)
  @Answers(PaymentReversedAnswer, { status: 201, description: '已冲销' })
  @Answers(PaymentReversedAnswer, { status: 200, description: '此前已冲销' })
  @Refuses(400, 401, 403, 404, 409, 412, 422)
  async reverse(@Input() input: CommandInput, @Res({ passthrough: true }) reply: FastifyReply): Promise<PaymentReversedAnswer> {
    const address = executionAddress(input.params.department, input.params.year);
    authorizeExecutionWrite(input.actor, address.department);
    const reason = input.body.text('reason', { max: 500 });
    const date = input.body.text('date', { max: 10 });
    input.body.done();
    const voucher = input.params.voucher;
    const outcome = await sendExecutionCommand(this.bus, address, { type: 'ReversePayment', actor: input.actor, voucher, date, reason }, input, reason);
    void reply.status(outcome.events.length > 0 ? 201 : 200);
    return {
      reversed: outcome.events.length > 0,
      voucher,
      streamId: outcome.streamId,
      version: outcome.version,
      ...(outcome.position ? { position: outcome.position } : {}),
    };
  }

  @Get()
  @ApiOperation({ summary: '支出台账（含冲销分录），截至 asOf / checkpoint' })
  @QueryParam('asOf', 'YYYY-MM-DD（默认今天）', { example: '2024-06-30' })
  @QueryParam('checkpoint', '如 6月底', { example: '6月底' })
  @QueryParam('after', '写入返回的 position：等读模型追上后再读', { example: '1234' })
  @Answers(Ledger)
  @Refuses(400, 401, 403, 404)
  async list(@Param() params: Params, @Query() query: Record<string, string>, @CurrentActor() actor: Actor): Promise<Ledger> {
    const { department, fiscalYear } = executionAddress(params.department, params.year);
    requireReader(actor, department);
    const asOf = await this.reader.readyAsOf(query, fiscalYear);
    const entries = await this.reader.entries(fiscalYear, department, asOf);
    return {
      department,
      fiscalYear,
      asOf,
      unit: '元',
      entries: entries.map((row) => ({
        voucher: row.voucher,
        entry: row.entry,
        date: row.entry_date,
        amount: row.amount,
        ...(row.target_kind === 'basic' ? { basicLineId: row.target_code } : { projectCode: row.target_code }),
        ...(row.entry === 'payment' ? { payee: row.payee, note: row.note } : { reason: row.reason }),
        ...(row.overspend ? { overspend: true } : {}),
      })),
    };
  }
}

const overspendWarning = (event: PaymentRecorded, row: number): PaymentWarning => ({
  row,
  voucher: event.data.voucher,
  code: 'PAYMENT_EXCEEDS_REMAINING',
  message: `支出 ${event.data.amount} 元超出剩余额度 ${event.data.overspend!.remainingBefore} 元（财政设置为提醒，已登记）`,
});
