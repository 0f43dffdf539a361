import { guantaoContent, sampleProject, testCatalog, wan } from '../testing/world';
import { buildProject } from '../rules/project';
import { diffContent } from './content-diff';

describe('diffContent', () => {
  it('finds nothing between equal contents', () => {
    expect(diffContent(guantaoContent, { ...guantaoContent })).toEqual([]);
  });

  it('lists added, removed and changed lines by key with before/after amounts', () => {
    const [first, second, ...rest] = guantaoContent.basicExpenditureLines;
    const after = {
      ...guantaoContent,
      income: [...guantaoContent.income, { source: '其他收入' as const, amount: wan('1') }],
      carryOver: { fromLastYear: wan('2'), toNextYear: wan('0') },
      // Line ids differ but the key (functional, economic, fund source) is what counts.
      basicExpenditureLines: [{ ...first, lineId: 'other-id', amount: wan('80') }, ...rest],
      projects: [...guantaoContent.projects.slice(1), buildProject(sampleProject(), testCatalog, 'p')],
    };
    const rows = diffContent(guantaoContent, after).map((d) => ({
      section: d.section,
      key: d.key,
      kind: d.kind,
      before: d.before?.dividedBy(10000).toFixed(2),
      after: d.after?.dividedBy(10000).toFixed(2),
      delta: d.delta.dividedBy(10000).toFixed(2),
    }));
    expect(rows).toEqual([
      { section: 'income', key: '其他收入', kind: 'added', before: undefined, after: '1.00', delta: '1.00' },
      { section: 'carryOver', key: 'fromLastYear', kind: 'added', before: undefined, after: '2.00', delta: '2.00' },
      { section: 'basicLine', key: '2014001/30101/一般公共预算拨款', kind: 'changed', before: '77.90', after: '80.00', delta: '2.10' },
      { section: 'basicLine', key: '2014001/30102/一般公共预算拨款', kind: 'removed', before: '23.96', after: undefined, delta: '-23.96' },
      { section: 'project', key: '13043324P00007510001B', kind: 'removed', before: '4.00', after: undefined, delta: '-4.00' },
      { section: 'project', key: '13043324P00009990001X', kind: 'added', before: undefined, after: '10.00', delta: '10.00' },
    ]);
    expect(second.economicCode).toBe('30102');
  });

  it('reports a project whose amount is unchanged but whose indicators changed', () => {
    const [p, ...rest] = guantaoContent.projects;
    const after = { ...guantaoContent, projects: [{ ...p, goal: '新的目标' }, ...rest] };
    const [change] = diffContent(guantaoContent, after);
    expect(change).toMatchObject({ section: 'project', key: p.code, label: '群众工作中心运维经费', kind: 'changed', changedFields: ['goal'] });
    expect(change.delta.isZero()).toBe(true);
  });
});

describe('diffContent with carry-over and units', () => {
  it('keeps a carry-over-funded line and a unit\'s line apart from the plain line with the same codes', () => {
    const base = guantaoContent;
    const line = base.basicExpenditureLines[0];
    const after = {
      ...base,
      basicExpenditureLines: [...base.basicExpenditureLines, { ...line, lineId: 'c1', fromCarryOver: true }, { ...line, lineId: 'u1', unit: '501002' }],
    };
    expect(diffContent(base, after).map((change) => [change.key, change.kind, change.delta.toFixed(2)])).toEqual([
      [`${line.functionalCode}/${line.economicCode}/${line.fundSource}/上年结转`, 'added', line.amount.toFixed(2)],
      [`${line.functionalCode}/${line.economicCode}/${line.fundSource}/501002`, 'added', line.amount.toFixed(2)],
    ]);
  });
});
