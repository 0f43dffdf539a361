import { csvRows } from '@budgetflow/platform';
import { YearCatalog } from './catalog-entries';
import { catalogKindOf, previewCatalogFile, readCatalogRows } from './catalog-file';

describe('catalog file', () => {
  it('finds the header under a title row, takes the kind from the code, a kind column or ?kind=', () => {
    const rows = csvRows('2025年科目\r\n科目编码,科目名称\r\n201,一般公共服务支出\r\n20108,审计事务\r\n2010801,行政运行\r\n30101,基本工资\r\n');
    const read = readCatalogRows(rows);
    expect(read.problems).toEqual([]);
    expect(read.entries.map((e) => [e.scheme, e.code, e.line])).toEqual([
      ['functional', '201', 3],
      ['functional', '20108', 4],
      ['functional', '2010801', 5],
      ['economic', '30101', 6],
    ]);
    const withKind = readCatalogRows(csvRows('分类,code,name\n经济分类,301,工资福利支出\nfunctional,201,一般公共服务支出\n'));
    expect(withKind.entries.map((e) => [e.scheme, e.code])).toEqual([['economic', '301'], ['functional', '201']]);
    expect(readCatalogRows(csvRows('编码,名称\n999,杂项\n'), 'economic').entries[0]).toMatchObject({ scheme: 'economic', code: '999' });
    expect(catalogKindOf('功能分类')).toBe('functional');
    expect(catalogKindOf('both')).toBe('invalid');
  });

  it('reports every bad row with its line and column: wrong length, empty name, a code twice with two names, an unknown kind', () => {
    const read = readCatalogRows(csvRows('代码,名称,分类\n201080,六位,\n2010801,,\n20108,审计事务,\n20108,审计,\n30101,基本工资,其他\n'));
    expect(read.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'A'],
      [3, 'B'],
      [5, 'A'],
      [6, 'C'],
    ]);
    expect(read.problems[0].message).toMatch(/^第 2 行 A 列：功能分类科目编码“201080”应为 3 位（类）、5 位（款）或 7 位（项）数字/);
    expect(readCatalogRows(csvRows('a,b\n1,2\n')).problems[0]).toMatchObject({ code: 'CATALOG_FILE_INVALID', field: 'header' });
    expect(readCatalogRows([]).problems[0]).toMatchObject({ code: 'CATALOG_FILE_INVALID' });
  });

  it('previews added, renamed, unchanged and — for the kinds the file lists — retired codes (a unit\'s own entries stay)', () => {
    const current = new YearCatalog(2025).merge({
      functional: [
        { code: '201', name: '一般公共服务支出' },
        { code: '2014001', name: '行政运行' },
        { code: '2014004', name: '信访业务' },
      ],
      economic: [
        { code: '30101', name: '基本工资' },
        { code: '3020101', name: '办公费（本级）', unit: '501' },
      ],
    });
    const file = readCatalogRows(csvRows('编码,名称\n201,一般公共服务支出\n2014001,行政运行（新）\n2010801,行政运行\n'));
    const preview = previewCatalogFile(current, file.entries);
    expect(preview.added.map((e) => e.code)).toEqual(['2010801']);
    expect(preview.renamed).toEqual([expect.objectContaining({ code: '2014001', before: '行政运行', name: '行政运行（新）', level: '项' })]);
    expect(preview.unchanged.map((e) => e.code)).toEqual(['201']);
    expect(preview.retired.map((e) => e.code)).toEqual(['2014004']);
    expect(preview.changes).toEqual({
      functional: [
        { code: '2014001', name: '行政运行（新）' },
        { code: '2010801', name: '行政运行' },
        { code: '2014004', name: '信访业务', retired: true },
      ],
      economic: [],
    });
    const after = new YearCatalog(2025).merge(current.entries()).merge(preview.changes);
    expect(after.hasFunctionalLeaf('2010801')).toBe(true);
    expect(after.isRetired('functional', '2014004')).toBe(true);
  });
});
