import { Decimal } from '@budgetflow/budget-domain';
import { type ApprovedBudget, versionInForce, versionInForceOn } from '../approved-budget';
import type { PaymentRecorded } from '../events/execution-events';
import { approved501, clerk501, context501, entry, given } from '../testing/given-when-then';

/** Version 2: a 追加 of P1 to 60,000 元 approved on 1 September, effective (back-dated) from 1 August. */
const addition: ApprovedBudget = {
  ...approved501,
  version: 2,
  approvedAt: '2024-09-01T02:00:00.000Z',
  effectiveFrom: '2024-08-01',
  change: { adjustmentId: 'adj-1', kind: 'addition', documentNumber: '馆财预〔2024〕15号', reason: '追加', backDated: true },
  projects: approved501.projects.map((p) => ({ ...p, amount: new Decimal(60000) })),
};
const withVersions = { ...context501, budget: addition, versions: [{ ...approved501, effectiveFrom: '2024-01-01' }, addition] };
const spent: PaymentRecorded = {
  type: 'PaymentRecorded',
  data: { voucher: 'V-0', date: '2024-03-01', amount: '40000.00', target: { kind: 'project', projectCode: 'P1' }, payee: '服务商', note: '', budgetVersion: 1 },
};

describe('the version in force', () => {
  it('is the highest-numbered version effective by the day, whenever it was approved', () => {
    const versions = withVersions.versions;
    expect(versionInForceOn(versions, '2024-07-31')?.version).toBe(1);
    expect(versionInForceOn(versions, '2024-08-01')?.version).toBe(2);
    expect(versionInForceOn(versions, '2024-12-31')?.version).toBe(2);
  });

  it('without effective dates (older read-model rows) is the last approved by the end of the day; before any, the first', () => {
    const plain = [{ version: 1, approvedAt: '2024-02-01T02:00:00.000Z' }, { version: 2, approvedAt: '2024-09-01T02:00:00.000Z' }];
    expect(versionInForce(plain, new Date('2024-01-10T15:59:59.999Z'))?.version).toBe(1);
    expect(versionInForce(plain, new Date('2024-09-01T15:59:59.999Z'))?.version).toBe(2);
    expect(versionInForce(plain, new Date('2024-08-31T15:59:59.999Z'))?.version).toBe(1);
  });
});

describe('RecordPayments against the version in force on the payment date', () => {
  it('refuses a payment of July beyond version 1 and accepts the same in August under version 2', () => {
    given([spent], withVersions)
      .when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ voucher: 'V-7', date: '2024-07-15', amount: new Decimal(5000) })], bulk: false })
      .thenThrows('PAYMENT_EXCEEDS_REMAINING', 'amount');
    const { events } = given([spent], withVersions)
      .when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ voucher: 'V-8', date: '2024-08-15', amount: new Decimal(5000) })], bulk: false })
      .thenEvents();
    expect(events).toEqual([expect.objectContaining({ type: 'PaymentRecorded', data: expect.objectContaining({ voucher: 'V-8', budgetVersion: 2 }) })]);
  });
});

describe('after 年终结账', () => {
  const closed = { ...withVersions, closedAt: '2025-01-05T02:00:00.000Z' };

  it('refuses every payment dated in the year', () => {
    given([spent], closed).when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ voucher: 'V-9', date: '2024-12-31' })], bulk: false }).thenThrows('YEAR_CLOSED');
  });

  it('refuses corrections (reversals) too; before the close they are allowed', () => {
    given([spent], closed).when({ type: 'ReversePayment', actor: clerk501, voucher: 'V-0', date: '2024-12-31', reason: '更正' }).thenThrows('YEAR_CLOSED');
    given([spent], withVersions).when({ type: 'ReversePayment', actor: clerk501, voucher: 'V-0', date: '2024-12-31', reason: '更正' }).thenEvents();
  });
});
