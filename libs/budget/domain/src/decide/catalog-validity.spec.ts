import type { ProposeBasicLine } from '../commands/draft-commands';
import type { ClassificationCatalog, DecideContext } from '../context';
import { given } from '../testing/given-when-then';
import { NOW, clerk501, openedDraft, sampleProject, testCatalog, wan } from '../testing/world';

/**
 * Catalog entries valid for years and for units: a code retired from this year's catalog is refused with
 * CODE_RETIRED (not "unknown"); a unit's own 7-digit sub-number of a 302 款 is accepted for the unit the catalog
 * reserves it for, and refused for any other unit (CODE_NOT_FOR_UNIT) or where the catalog lacks it.
 */
const units = [
  { code: '501001', name: '馆陶县信访局本级', unitKind: '行政' as const, parent: '501' },
  { code: '501002', name: '馆陶县群众工作中心', unitKind: '事业' as const, parent: '501001' },
];
/** 2025's catalog: the 2024 test catalog, with 30201 retired and 3020101 reserved for the 群众工作中心 (501002). */
const catalog2025: ClassificationCatalog = {
  hasFunctionalLeaf: (code) => testCatalog.hasFunctionalLeaf(code),
  hasEconomicLeaf: (code) => code === '3020101' || (code !== '30201' && testCatalog.hasEconomicLeaf(code)),
  economicLeafUnit: (code) => (code === '3020101' ? '501002' : undefined),
  isRetired: (scheme, code) => scheme === 'economic' && code === '30201',
};
const ctx: DecideContext = { now: NOW, catalog: catalog2025 };
const line = (economicCode: string, unit?: string): ProposeBasicLine => ({
  type: 'ProposeBasicLine',
  actor: clerk501,
  lineId: `line-${economicCode}-${unit ?? 'dept'}`,
  functionalCode: '2014001',
  economicCode,
  fundSource: '一般公共预算拨款',
  amount: wan('1.00'),
  ...(unit ? { unit } : {}),
});

describe('catalog entries valid for years and units', () => {
  const { events: draft } = openedDraft();
  const withUnits = [...draft, ...given(draft).when({ type: 'SetUnits', actor: clerk501, units }).thenEvents().events];

  it('a code retired from the year is refused with CODE_RETIRED and its field', () => {
    given(withUnits, ctx).when(line('30201')).thenThrows('CODE_RETIRED', 'economicCode');
    // The same code in the year it is in force is fine.
    given(withUnits).when(line('30201')).thenEvents();
  });

  it("a unit's own sub-number is accepted for that unit, which keeps its code", () => {
    const { state } = given(withUnits, ctx).when(line('3020101', '501002')).thenEvents();
    expect(state.content!.basicExpenditureLines[0]).toMatchObject({ economicCode: '3020101', unit: '501002' });
  });

  it('another unit, or the department itself, may not use it', () => {
    given(withUnits, ctx).when(line('3020101', '501001')).thenThrows('CODE_NOT_FOR_UNIT', 'economicCode');
    given(withUnits, ctx).when(line('3020101')).thenThrows('CODE_NOT_FOR_UNIT', 'economicCode');
  });

  it('a sub-number the catalog does not list, or one outside 302, is refused', () => {
    given(withUnits, ctx).when(line('3020102', '501002')).thenThrows('CODE_NOT_IN_CATALOG', 'economicCode');
    given(withUnits, ctx).when(line('3010101', '501002')).thenThrows('CODE_FORMAT_INVALID', 'economicCode');
  });

  it('a project line follows the same rule, with the project\'s unit', () => {
    const lines = [{ functionalCode: '2014004', economicCode: '3020101', fundSource: '一般公共预算拨款' as const, amount: wan('10') }];
    const project = (unit: string) => sampleProject({ code: `P-${unit}`, unit, amount: wan('10'), fiscalFunds: wan('10'), lines });
    given(withUnits, ctx).when({ type: 'ProposeProject', actor: clerk501, project: project('501002') }).thenEvents();
    given(withUnits, ctx).when({ type: 'ProposeProject', actor: clerk501, project: project('501001') }).thenThrows('CODE_NOT_FOR_UNIT', 'project.lines[0].economicCode');
  });
});
