import { given } from '../testing/given-when-then';
import { clerk501, clerk502, openedDraft, salary, salaryLine, stamp501 as stamp, wan, yuan } from '../testing/world';


describe('ProposeBasicLine', () => {
  const { events: draft } = openedDraft();

  it('adds a basic line', () => {
    const state = given(draft).when(salary).then([{ type: 'BasicLineProposed', data: { line: salaryLine, ...stamp } }]);
    expect(state.content!.basicExpenditureLines[0].amount.eq(wan('77.90'))).toBe(true);
  });

  const withSalary = [...draft, ...given(draft).when(salary).thenEvents().events];

  it('changes nothing for the identical line, refuses a different line under the same id or key', () => {
    given(withSalary).when(salary).thenNothing();
    given(withSalary).when({ ...salary, amount: wan('1') }).thenThrows('DUPLICATE_LINE_ID', 'lineId');
    given(withSalary).when({ ...salary, lineId: 'basic-2' }).thenThrows('DUPLICATE_BASIC_LINE');
  });

  it('checks codes: format first, then the catalog', () => {
    given(draft).when({ ...salary, functionalCode: '20140' }).thenThrows('CODE_FORMAT_INVALID', 'functionalCode');
    given(draft).when({ ...salary, functionalCode: '2019999' }).thenThrows('CODE_NOT_IN_CATALOG', 'functionalCode');
    given(draft).when({ ...salary, economicCode: '301' }).thenThrows('CODE_FORMAT_INVALID', 'economicCode');
    given(draft).when({ ...salary, economicCode: '30199' }).thenThrows('CODE_NOT_IN_CATALOG', 'economicCode');
  });

  it('checks fund source and amount', () => {
    given(draft).when({ ...salary, fundSource: '自筹' as never }).thenThrows('FUND_SOURCE_UNKNOWN', 'fundSource');
    given(draft).when({ ...salary, amount: yuan('0') }).thenThrows('AMOUNT_NOT_POSITIVE', 'amount');
    given(draft).when({ ...salary, amount: yuan('-5') }).thenThrows('AMOUNT_NOT_POSITIVE', 'amount');
    given(draft).when({ ...salary, amount: yuan('0.005') }).thenThrows('AMOUNT_TOO_PRECISE', 'amount');
    given(draft).when({ ...salary, amount: yuan('1000000000000') }).thenThrows('AMOUNT_TOO_LARGE', 'amount');
    given(draft).when({ ...salary, lineId: '' }).thenThrows('FIELD_REQUIRED', 'lineId');
  });

  it('is the department’s own business', () => {
    given(draft).when({ ...salary, actor: clerk502 }).thenThrows('OTHER_DEPARTMENT');
  });
});

describe('ReviseBasicLine / WithdrawBasicLine', () => {
  const { events: draft } = openedDraft();
  const history = [...draft, ...given(draft).when(salary).thenEvents().events];

  it('revises the given fields', () => {
    const state = given(history)
      .when({ type: 'ReviseBasicLine', actor: clerk501, lineId: 'basic-1', amount: wan('80') })
      .then([{ type: 'BasicLineRevised', data: { line: { ...salaryLine, amount: '800000.00' }, ...stamp } }]);
    expect(state.content!.basicExpenditureLines[0].amount.eq(wan('80'))).toBe(true);
  });

  it('changes nothing when the revision is no change; refuses unknown lines and bad values', () => {
    given(history).when({ type: 'ReviseBasicLine', actor: clerk501, lineId: 'basic-1', amount: wan('77.9') }).thenNothing();
    given(history).when({ type: 'ReviseBasicLine', actor: clerk501, lineId: 'nope', amount: wan('1') }).thenThrows('LINE_NOT_FOUND', 'lineId');
    given(history)
      .when({ type: 'ReviseBasicLine', actor: clerk501, lineId: 'basic-1', economicCode: '39999' })
      .thenThrows('CODE_NOT_IN_CATALOG', 'economicCode');
  });

  it('withdraws a line; withdrawing it again changes nothing', () => {
    const state = given(history)
      .when({ type: 'WithdrawBasicLine', actor: clerk501, lineId: 'basic-1' })
      .then([{ type: 'BasicLineWithdrawn', data: { lineId: 'basic-1', ...stamp } }]);
    expect(state.content!.basicExpenditureLines).toEqual([]);
    given(state).when({ type: 'WithdrawBasicLine', actor: clerk501, lineId: 'basic-1' }).thenNothing();
  });
});
