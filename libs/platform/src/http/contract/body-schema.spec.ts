import { Type } from '@sinclair/typebox';
import { BasicLineRequest, PaymentRequest, ProjectRequest, YuanInput } from '@budgetflow/contracts';
import { bodyProblems } from './body-schema';

/** The schema check answers in `RequestReader`'s words: the same field paths and codes, whoever finds the problem. */
describe('bodyProblems', () => {
  const line = { functionalCode: '2010301', economicCode: '30201', fundSource: '一般公共预算拨款', amount: '12.00' };

  it('accepts a body that fits, nulls read as absent', () => {
    expect(bodyProblems(BasicLineRequest, line)).toEqual([]);
    expect(bodyProblems(BasicLineRequest, { ...line, unit: null })).toEqual([]);
  });

  it.each([
    ['a missing field', { ...line, functionalCode: undefined }, 'functionalCode', 'FIELD_REQUIRED'],
    ['a field not in the schema', { ...line, status: 'approved' }, 'status', 'FIELD_NOT_ALLOWED'],
    ['money as a JSON number', { ...line, amount: 12 }, 'amount', 'AMOUNT_NOT_STRING'],
    ['money that is no decimal', { ...line, amount: '1e5' }, 'amount', 'AMOUNT_INVALID'],
    ['a code as a number', { ...line, economicCode: 30201 }, 'economicCode', 'FIELD_TYPE_INVALID'],
    ['a text too long', { ...line, unit: 'u'.repeat(65) }, 'unit', 'TEXT_TOO_LONG'],
  ])('refuses %s', (_what, body, field, code) => {
    expect(bodyProblems(BasicLineRequest, body)).toEqual([expect.objectContaining({ field, code })]);
  });

  it('names nested fields as the reader does and reports all of them at once', () => {
    const project = { code: 'P1', name: '项目', functionalCode: '2010301', fundSource: '一般公共预算拨款', amount: '1.00', spendingPlan: [{ checkpoint: '12月底', cumulativePercent: '100' }], indicators: [{ level1: '产出指标' }] };
    const problems = bodyProblems(ProjectRequest, project);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'spendingPlan[0].cumulativePercent', code: 'FIELD_TYPE_INVALID' }),
        expect.objectContaining({ field: 'indicators[0].level2', code: 'FIELD_REQUIRED' }),
        expect.objectContaining({ field: 'indicators[0].target', code: 'FIELD_REQUIRED' }),
      ]),
    );
    expect(bodyProblems(ProjectRequest, { ...project, spendingPlan: Array.from({ length: 13 }, () => ({ checkpoint: '12月底', cumulativePercent: 1 })) })).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'spendingPlan', code: 'LIST_TOO_LONG' })]),
    );
  });

  it('refuses a body that is no object, and lets x-code answer a domain code', () => {
    expect(bodyProblems(BasicLineRequest, [line])).toEqual([expect.objectContaining({ field: '', code: 'BODY_NOT_OBJECT' })]);
    const payment = { voucher: 'V-1', date: '2024-06-01', amount: '1.00', projectCode: 'P1', payee: '某公司' };
    expect(bodyProblems(PaymentRequest, payment)).toEqual([]);
    expect(bodyProblems(PaymentRequest, { ...payment, voucher: '/bad' })).toEqual([expect.objectContaining({ field: 'voucher', code: 'VOUCHER_INVALID' })]);
    expect(bodyProblems(PaymentRequest, { ...payment, voucher: undefined })).toEqual([expect.objectContaining({ field: 'voucher', code: 'VOUCHER_INVALID' })]);
    expect(bodyProblems(PaymentRequest, { ...payment, amount: 1 })).toEqual([expect.objectContaining({ field: 'amount', code: 'AMOUNT_INVALID' })]);
  });

  it('reads blanks around money as the reader does', () => {
    const schema = Type.Object({ amount: YuanInput() }, { title: 'MoneyOnly', additionalProperties: false });
    expect(bodyProblems(schema, { amount: ' 12.50 ' })).toEqual([]);
  });
});
