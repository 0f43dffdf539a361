import { useTestApp } from '../support/test-app';
import { oddFenBudget, ODD_FEN_T3_EACH_CELL } from '../support/odd-fen-budget';
import { expectTables, rowsOf, usePublishedBudget } from '../support/real-budget-workflow';

/**
 * A budget kept in 元 with odd fen, published in 万元 with each cell rounded half-up on its own. Its exact figures
 * tie to the fen, yet printed parts differ from printed totals by 0.01: 201 一般公共服务支出 is
 * 11617464.72 + 503670.37 = 12121135.09 元, printed 1161.75 + 50.37 = 1212.12 against 1212.11. Such a budget must
 * import, pass the 勾稽 checks, submit, approve and publish, and every printed cell must be its exact amount
 * rounded half-up to 0.01 万元 (50.00 元 prints 0.01, not 0.00).
 * The expected cells were worked out by hand from the amounts (test/support/odd-fen-budget.ts), not read off the renderer.
 */
describe('a budget in 元 with odd fen goes through the whole workflow (golden)', () => {
  const t = useTestApp();
  const published = usePublishedBudget(t, '601', oddFenBudget, {}, { findings: 'own test' });

  it('passes the 勾稽 checks: no error, the printed 0.01 differences are information notes only', () => {
    expect(published.draftFindings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    const notes = published.draftFindings.filter((finding) => finding.code === 'PRINTED_ROUNDING_DIFFERENCE');
    expect(notes.map((finding) => finding.ref)).toEqual(['T3[1]', 'T3[2]']);
    expect(notes[0].message).toContain('四舍五入');
  });

  it('T3 prints each exact figure rounded half-up to 0.01 万元', () => {
    expect(rowsOf(published.tables, 'T3')).toEqual(ODD_FEN_T3_EACH_CELL);
    // All general-budget money: T5 is T3's first six columns.
    expect(rowsOf(published.tables, 'T5')).toEqual(rowsOf(published.tables, 'T3').map((row) => row.slice(0, 6)));
  });

  it('T6 prints personnel and public-use funds rounded on their own', () => {
    expectTables(published.tables, [{ id: 'T6', rows: [
      ['1', '', '合计', '1161.75', '1128.17', '33.58'],
      ['2', '301', '工资福利支出', '1128.17', '1128.17', ''],
      ['3', '30101', '基本工资', '1128.16', '1128.16', ''],
      ['4', '30113', '住房公积金', '0.01', '0.01', ''],
      ['5', '302', '商品和服务支出', '33.58', '', '33.58'],
      ['6', '30201', '办公费', '33.58', '', '33.58'],
    ] }]);
  });

  it('T1 and T4 print the totals and the 类 rows rounded on their own', () => {
    expectTables(published.tables, [{ id: 'T1', amountColumns: [2, 4], rows: [
      ['1', '一、一般公共预算拨款收入', '1212.12', '一、一般公共服务支出', '1212.11'],
      ['20', '', '', '二十、住房保障支出', '0.01'],
      ['32', '本年收入合计', '1212.12', '本年支出合计', '1212.12'],
      ['34', '收入总计', '1212.12', '支出总计', '1212.12'],
    ] }, { id: 'T4', amountColumns: [2, 4, 5, 6, 7], rows: [
      ['1', '一、一般公共预算拨款', '1212.12', '一、一般公共服务支出', '1212.11', '1212.11', '', ''],
      ['20', '', '', '二十、住房保障支出', '0.01', '0.01', '', ''],
      ['32', '本年收入合计', '1212.12', '本年支出合计', '1212.12', '1212.12', '', ''],
      ['37', '收入总计', '1212.12', '支出总计', '1212.12', '1212.12', '', ''],
    ] }]);
  });

  it('the approved version keeps the exact amounts to the fen', () => {
    const lines = published.budget.content.basicExpenditureLines.map((line: { amount: string }) => line.amount);
    expect(lines).toEqual(['11281649.49', '335815.23', '50.00']);
  });
});
