import type { TestingModule } from '@nestjs/testing';
import type { Actor } from '@budgetflow/budget-domain';
import type { EventStore } from '@budgetflow/event-store';
import { type ApprovedBudget, executionStreamId } from '@budgetflow/execution-domain';
import { CLOCK, EVENT_STORE, commandInputFor } from '@budgetflow/platform';
import { type UseCaseWorld, createUseCaseWorld } from '@budgetflow/testing';
import type { FastifyReply } from 'fastify';
import { approved501 } from '../../../domain/src/testing/given-when-then';
import { ExecutionSettingsService } from '../execution-settings/execution-settings.service';
import { MonitoringReader } from '../monitoring/monitoring-reader';
import { PaymentsController } from '../record-payment/record-payment.http';
import { APPROVED_BUDGETS, type ApprovedBudgets, ExecutionCommandHandler, ExecutionLedgers } from './execution-commands';

/**
 * Execution use cases without an HTTP server: the payment routes' methods, the command bus, the handler and the store,
 * with the budget context behind its port (an approved budget of 501: one basic line of 10,000 元, project P1 of 40,000 元).
 */
describe('execution use cases (route → command bus → handler → events)', () => {
  let world: UseCaseWorld;
  let store: EventStore;
  let module: TestingModule;
  const approved = new Map<string, ApprovedBudget>();
  const budgets: ApprovedBudgets = {
    latestApproved: async (department) => approved.get(department),
    approvedYear: async (department) => ({ versions: approved.has(department) ? [approved.get(department)!] : [] }),
  };

  beforeAll(async () => {
    world = await createUseCaseWorld({
      controllers: [PaymentsController],
      // The payment routes' reads are not exercised here: the monitoring reader stays out.
      providers: [ExecutionLedgers, ExecutionCommandHandler, ExecutionSettingsService, { provide: MonitoringReader, useValue: {} }],
      ports: (events) => [
        { provide: EVENT_STORE, useValue: events },
        { provide: CLOCK, useValue: () => new Date('2024-06-30T04:00:00.000Z') },
        { provide: APPROVED_BUDGETS, useValue: budgets },
      ],
    });
    ({ store, module } = world);
  });
  afterAll(() => world.close());

  let next = 700;
  /** A department of its own per spec; `approvedBudget` false leaves it unapproved. */
  const givenDepartment = (approvedBudget = true) => {
    const department = String(next++);
    if (approvedBudget) approved.set(department, { ...approved501, department });
    return { department, clerk: { userId: `u-${department}`, role: 'department', department } satisfies Actor };
  };
  const statusReply = () => {
    const reply = { statusCode: 200, status: (code: number) => ((reply.statusCode = code), reply) };
    return reply;
  };
  const record = (department: string, actor: Actor, body: unknown, reply = statusReply()) =>
    module
      .get(PaymentsController)
      .record(commandInputFor({ actor, url: `/v1/execution/${department}/2024/payments`, params: { department, year: '2024' }, body }).input, reply as unknown as FastifyReply);
  const recorded = async (department: string) => (await store.readStream(executionStreamId(department, 2024))).map((event) => event.type);
  const payment = { voucher: 'V-1', date: '2024-03-01', amount: '1000.00', projectCode: 'P1', payee: '服务商' };

  it('record payment: 201, the payment as recorded, the version; one PaymentRecorded appended', async () => {
    const { department, clerk } = givenDepartment();
    const reply = statusReply();
    const answer = await record(department, clerk, payment, reply);
    expect(reply.statusCode).toBe(201);
    expect(answer).toMatchObject({ recorded: true, version: 1, payment: { voucher: 'V-1', amount: '1000.00' }, warnings: [] });
    expect(await recorded(department)).toEqual(['PaymentRecorded']);
  });

  it('the same payment again: 200 with the recorded payment, nothing appended', async () => {
    const { department, clerk } = givenDepartment();
    await record(department, clerk, payment);
    const reply = statusReply();
    const answer = await record(department, clerk, payment, reply);
    expect(reply.statusCode).toBe(200);
    expect(answer).toMatchObject({ recorded: false, version: 1 });
    expect(await recorded(department)).toEqual(['PaymentRecorded']);
  });

  it('over the remaining amount (finance blocks by default): PAYMENT_EXCEEDS_REMAINING, nothing appended', async () => {
    const { department, clerk } = givenDepartment();
    await expect(record(department, clerk, { ...payment, amount: '40000.01' })).rejects.toMatchObject({ code: 'PAYMENT_EXCEEDS_REMAINING' });
    expect(await recorded(department)).toEqual([]);
  });

  it('before the budget is approved (the port answers nothing): BUDGET_NOT_APPROVED_FOR_EXECUTION', async () => {
    const { department, clerk } = givenDepartment(false);
    await expect(record(department, clerk, payment)).rejects.toMatchObject({ code: 'BUDGET_NOT_APPROVED_FOR_EXECUTION' });
    expect(await recorded(department)).toEqual([]);
  });

  it('another department’s clerk: EXECUTION_OTHER_DEPARTMENT before the body is read', async () => {
    const { department } = givenDepartment();
    const stranger: Actor = { userId: 'u-x', role: 'department', department: '999' };
    await expect(record(department, stranger, { nonsense: true })).rejects.toMatchObject({ code: 'EXECUTION_OTHER_DEPARTMENT' });
  });
});
