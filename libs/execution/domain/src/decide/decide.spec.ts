import { Decimal } from '@budgetflow/budget-domain';
import { decideSettings } from './execution-settings';
import { DEFAULT_EXECUTION_SETTINGS, type PaymentRecorded } from '../events/execution-events';
import { ExecutionError } from '../errors';
import { clerk501, clerk502, context501, entry, financeOfficer, given } from '../testing/given-when-then';

const recorded = (overrides: Partial<PaymentRecorded['data']> = {}): PaymentRecorded => ({
  type: 'PaymentRecorded',
  data: { voucher: 'V-1', date: '2024-03-01', amount: '1000.00', target: { kind: 'project', projectCode: 'P1' }, payee: '服务商', note: '', budgetVersion: 1, ...overrides },
});

describe('RecordPayments', () => {
  it('records a payment against the approved version', () => {
    given([]).when({ type: 'RecordPayments', actor: clerk501, entries: [entry()], bulk: false }).then([recorded()]);
  });

  it('answers the same voucher with the same content with nothing new (a retry)', () => {
    given([recorded()]).when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ amount: new Decimal('1000') })], bulk: false }).thenNothing();
  });

  it('refuses the same voucher with other content', () => {
    given([recorded()]).when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ payee: '另一家' })], bulk: false }).thenThrows('VOUCHER_CONFLICT', 'voucher');
  });

  it('refuses the unreadable rows of an upload together with what the budget refuses in the others, under their request rows', () => {
    const unreadable = [{ field: 'rows[1].amount', code: 'AMOUNT_INVALID' as const, message: '金额不是有效的十进制数' }];
    const command = {
      type: 'RecordPayments' as const,
      actor: clerk501,
      entries: [entry({ voucher: 'V-1' }), entry({ voucher: 'V-3', target: { kind: 'project' as const, projectCode: 'NOPE' } })],
      rows: [0, 2],
      bulk: true,
      unreadable,
    };
    let refused: unknown;
    try {
      given([]).when(command).thenNothing();
    } catch (error) {
      refused = error;
    }
    expect((refused as ExecutionError).problems.map((p) => [p.field, p.code])).toEqual([
      ['rows[1].amount', 'AMOUNT_INVALID'],
      ['rows[2].projectCode', 'PAYMENT_TARGET_NOT_FOUND'],
    ]);
    given([]).when({ ...command, entries: [], rows: [] }).thenThrows('AMOUNT_INVALID', 'rows[1].amount');
  });

  it('refuses a payment into a budget that is not approved', () => {
    given([], { ...context501, budget: undefined }).when({ type: 'RecordPayments', actor: clerk501, entries: [entry()], bulk: false }).thenThrows('BUDGET_NOT_APPROVED_FOR_EXECUTION');
  });

  it('refuses other departments and other roles', () => {
    given([]).when({ type: 'RecordPayments', actor: clerk502, entries: [entry()], bulk: false }).thenThrows('EXECUTION_OTHER_DEPARTMENT');
    given([]).when({ type: 'RecordPayments', actor: financeOfficer, entries: [entry()], bulk: false }).thenThrows('EXECUTION_FORBIDDEN_ROLE');
  });

  it('refuses dates outside the fiscal year and after today', () => {
    given([]).when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ date: '2023-12-31' })], bulk: false }).thenThrows('PAYMENT_DATE_OUTSIDE_FISCAL_YEAR', 'date');
    given([], { ...context501, today: '2024-05-01' })
      .when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ date: '2024-05-02' })], bulk: false })
      .thenThrows('PAYMENT_DATE_IN_FUTURE', 'date');
  });

  it('blocks a payment beyond the remainder, counting earlier rows of the same upload', () => {
    const entries = [entry({ voucher: 'V-1', amount: new Decimal(30000) }), entry({ voucher: 'V-2', amount: new Decimal('10000.01') })];
    const error = given([]).when({ type: 'RecordPayments', actor: clerk501, entries, bulk: true }).thenThrows('PAYMENT_EXCEEDS_REMAINING', 'rows[1].amount');
    expect(error.message).toContain('10000.00');
  });

  it('a reversal gives the amount back to the remainder', () => {
    const history = [recorded({ amount: '40000.00' }), { type: 'PaymentReversed' as const, data: { voucher: 'V-1', date: '2024-03-02', amount: '40000.00', target: { kind: 'project' as const, projectCode: 'P1' }, reason: '错付' } }];
    given(history).when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ voucher: 'V-2', amount: new Decimal(40000) })], bulk: false }).then([recorded({ voucher: 'V-2', amount: '40000.00' })]);
  });

  it('only warns when finance set warn, and says what remained', () => {
    const ctx = { ...context501, settings: { ...DEFAULT_EXECUTION_SETTINGS, overspendMode: 'warn' as const } };
    given([recorded({ amount: '39000.00' })], ctx)
      .when({ type: 'RecordPayments', actor: clerk501, entries: [entry({ voucher: 'V-2', amount: new Decimal(2000) })], bulk: false })
      .then([recorded({ voucher: 'V-2', amount: '2000.00', overspend: { remainingBefore: '1000.00' } })]);
  });

  it('reports every bad row of a bulk upload at once', () => {
    const entries = [entry({ voucher: 'V-1' }), entry({ voucher: 'V-2', target: { kind: 'basic', lineId: 'nope' } }), entry({ voucher: 'V-3', date: '2025-01-01' })];
    const error = given([]).when({ type: 'RecordPayments', actor: clerk501, entries, bulk: true }).thenThrows('PAYMENT_TARGET_NOT_FOUND', 'rows[1].basicLineId');
    expect(error.problems.map((p) => [p.field, p.code])).toEqual([
      ['rows[1].basicLineId', 'PAYMENT_TARGET_NOT_FOUND'],
      ['rows[2].date', 'PAYMENT_DATE_OUTSIDE_FISCAL_YEAR'],
    ]);
  });
});

describe('ReversePayment', () => {
  it('appends a reversing entry for the whole amount', () => {
    given([recorded()])
      .when({ type: 'ReversePayment', actor: clerk501, voucher: 'V-1', date: '2024-03-05', reason: '错付' })
      .then([{ type: 'PaymentReversed', data: { voucher: 'V-1', date: '2024-03-05', amount: '1000.00', target: { kind: 'project', projectCode: 'P1' }, reason: '错付' } }]);
  });

  it('refuses an unknown voucher, a missing reason, a date before the payment', () => {
    given([]).when({ type: 'ReversePayment', actor: clerk501, voucher: 'V-9', date: '2024-03-05', reason: '错付' }).thenThrows('PAYMENT_NOT_FOUND');
    given([recorded()]).when({ type: 'ReversePayment', actor: clerk501, voucher: 'V-1', date: '2024-03-05', reason: ' ' }).thenThrows('REASON_REQUIRED', 'reason');
    given([recorded()]).when({ type: 'ReversePayment', actor: clerk501, voucher: 'V-1', date: '2024-02-28', reason: '错付' }).thenThrows('REVERSAL_BEFORE_PAYMENT', 'date');
  });
});

describe('RecordIndicatorProgress', () => {
  const report = { type: 'RecordIndicatorProgress' as const, actor: clerk501, projectCode: 'P1', indicator: '入驻部门数量', date: '2024-06-30', actualToDate: '6', forecast: '8', likelihood: '确定能' };

  it('records the report', () => {
    given([]).when(report).then([{ type: 'IndicatorProgressRecorded', data: { projectCode: 'P1', indicator: '入驻部门数量', date: '2024-06-30', actualToDate: '6', forecast: '8', likelihood: '确定能' } }]);
  });

  it('wants a cause of deviation when the department is not sure', () => {
    given([]).when({ ...report, likelihood: '有可能' }).thenThrows('DEVIATION_CAUSE_REQUIRED', 'deviationCause');
    given([]).when({ ...report, likelihood: '有可能', deviationCause: '天气' }).thenThrows('DEVIATION_CAUSE_UNKNOWN', 'deviationCause');
  });

  it('refuses an indicator the project does not have', () => {
    given([]).when({ ...report, indicator: '满意度' }).thenThrows('INDICATOR_NOT_FOUND', 'indicator');
  });
});

describe('ChangeExecutionSettings', () => {
  const change = { type: 'ChangeExecutionSettings' as const, actor: financeOfficer, overspendMode: 'warn', yellowGapPoints: 5, redGapPoints: 15 };

  it('finance changes the mode and thresholds; the same settings again change nothing', () => {
    expect(decideSettings(change, DEFAULT_EXECUTION_SETTINGS)).toEqual([{ type: 'ExecutionSettingsChanged', data: { overspendMode: 'warn', yellowGapPoints: 5, redGapPoints: 15 } }]);
    expect(decideSettings(change, { overspendMode: 'warn', yellowGapPoints: 5, redGapPoints: 15 })).toEqual([]);
  });

  it('refuses other roles and inverted thresholds', () => {
    expect(() => decideSettings({ ...change, actor: clerk501 }, DEFAULT_EXECUTION_SETTINGS)).toThrow(expect.objectContaining({ code: 'SETTINGS_FORBIDDEN_ROLE' }));
    expect(() => decideSettings({ ...change, yellowGapPoints: 20, redGapPoints: 10 }, DEFAULT_EXECUTION_SETTINGS)).toThrow(expect.objectContaining({ code: 'THRESHOLDS_INVALID' }));
  });
});
