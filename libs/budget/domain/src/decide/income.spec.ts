import { given } from '../testing/given-when-then';
import { AT, clerk501, openedDraft, supervisor, wan, yuan } from '../testing/world';

const stamp = { by: clerk501.userId, at: AT };

describe('DeclareIncome', () => {
  const { events: draft } = openedDraft();
  const declared = given(draft).when({ type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: wan('654.24') });

  it('declares an income source in 元 (decimal string in the event)', () => {
    const state = declared.then([{ type: 'IncomeDeclared', data: { source: '一般公共预算拨款收入', amount: '6542400.00', ...stamp } }]);
    expect(state.content!.income[0].amount.eq(wan('654.24'))).toBe(true);
  });

  it('replaces an earlier amount, changes nothing for the same amount, and removes with 0', () => {
    const { events: withIncome } = declared.thenEvents();
    const history = [...draft, ...withIncome];
    const replaced = given(history)
      .when({ type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: wan('600') })
      .then([{ type: 'IncomeDeclared', data: { source: '一般公共预算拨款收入', amount: '6000000.00', ...stamp } }]);
    expect(replaced.content!.income).toHaveLength(1);
    given(history).when({ type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: yuan('6542400') }).thenNothing();
    const removed = given(history)
      .when({ type: 'DeclareIncome', actor: clerk501, source: '一般公共预算拨款收入', amount: yuan('0') })
      .then([{ type: 'IncomeRemoved', data: { source: '一般公共预算拨款收入', ...stamp } }]);
    expect(removed.content!.income).toEqual([]);
    given(draft).when({ type: 'DeclareIncome', actor: clerk501, source: '事业收入', amount: yuan('0') }).thenNothing();
  });

  it('refuses negative, over-precise, too large and unknown-source income', () => {
    const when = (amount: string, source = '事业收入') =>
      given(draft).when({ type: 'DeclareIncome', actor: clerk501, source: source as never, amount: yuan(amount) });
    when('-1').thenThrows('AMOUNT_NEGATIVE', 'amount');
    when('1.001').thenThrows('AMOUNT_TOO_PRECISE', 'amount');
    when('1e12').thenThrows('AMOUNT_TOO_LARGE', 'amount');
    when('1', '彩票收入').thenThrows('INCOME_SOURCE_UNKNOWN', 'source');
    when('1', '上年结转结余').thenThrows('INCOME_SOURCE_IS_CARRY_OVER', 'source');
  });

  it('is written by the department only', () => {
    given(draft).when({ type: 'DeclareIncome', actor: supervisor, source: '事业收入', amount: yuan('1') }).thenThrows('FORBIDDEN_ROLE');
  });

  it('needs an open draft', () => {
    given([]).when({ type: 'DeclareIncome', actor: clerk501, source: '事业收入', amount: yuan('1') }).thenThrows('BUDGET_NOT_FOUND');
  });
});

describe('SetCarryOver', () => {
  const { events: draft } = openedDraft();

  it('sets 上年结转结余 and 年终结转结余', () => {
    const state = given(draft)
      .when({ type: 'SetCarryOver', actor: clerk501, fromLastYear: wan('12.5'), toNextYear: wan('2') })
      .then([{ type: 'CarryOverSet', data: { carryOver: { fromLastYear: '125000.00', toNextYear: '20000.00' }, ...stamp } }]);
    expect(state.content!.carryOver.fromLastYear.eq(wan('12.5'))).toBe(true);
  });

  it('changes nothing when unchanged, refuses negatives', () => {
    given(draft).when({ type: 'SetCarryOver', actor: clerk501, fromLastYear: yuan('0'), toNextYear: yuan('0') }).thenNothing();
    given(draft)
      .when({ type: 'SetCarryOver', actor: clerk501, fromLastYear: yuan('-1'), toNextYear: yuan('0') })
      .thenThrows('AMOUNT_NEGATIVE', 'fromLastYear');
  });
});
