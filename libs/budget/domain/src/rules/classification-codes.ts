import type { ClassificationCatalog } from '../context';
import { refuse } from '../errors';

/** 支出功能分类 项: 7 digits, a leaf of the year's catalog. */
export const requireFunctionalLeaf = (code: string, catalog: ClassificationCatalog, field: string): void => {
  if (typeof code !== 'string' || !/^\d{7}$/.test(code))
    refuse('CODE_FORMAT_INVALID', field, `支出功能分类科目应为7位数字的项级编码：${String(code)}`);
  if (!catalog.hasFunctionalLeaf(code))
    refuse('CODE_NOT_IN_CATALOG', field, `支出功能分类科目 ${code} 不在本年度分类目录的项级科目中`);
};

/** 部门预算支出经济分类 款: 5 digits, a leaf of the year's catalog. */
export const requireEconomicLeaf = (code: string, catalog: ClassificationCatalog, field: string): void => {
  if (typeof code !== 'string' || !/^\d{5}$/.test(code))
    refuse('CODE_FORMAT_INVALID', field, `支出经济分类科目应为5位数字的款级编码：${String(code)}`);
  if (!catalog.hasEconomicLeaf(code))
    refuse('CODE_NOT_IN_CATALOG', field, `支出经济分类科目 ${code} 不在本年度分类目录的款级科目中`);
};
