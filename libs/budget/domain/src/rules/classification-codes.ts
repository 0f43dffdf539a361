import type { ClassificationCatalog } from '../context';
import { refuse } from '../errors';

/** Where a code missing from the year's catalog is added: said in every such refusal. */
export const CATALOG_FIX_HINT = '请核对编码；如确需使用该科目，请财政局提供科目清单，由系统管理员载入本年度分类目录（PUT 或 POST /v1/catalogs/{年度}/import）后再导入';

/** 支出功能分类 项: 7 digits, a leaf of the year's catalog. */
export const requireFunctionalLeaf = (code: string, catalog: ClassificationCatalog, field: string): void => {
  if (typeof code !== 'string' || !/^\d{7}$/.test(code))
    refuse('CODE_FORMAT_INVALID', field, `支出功能分类科目应为7位数字的项级编码：${String(code)}`);
  if (catalog.isRetired?.('functional', code)) refuse('CODE_RETIRED', field, `支出功能分类科目 ${code} 已在本年度分类目录中停用，请改用本年度在用的科目（分类目录由系统管理员维护）`);
  if (!catalog.hasFunctionalLeaf(code))
    refuse('CODE_NOT_IN_CATALOG', field, `支出功能分类科目 ${code} 不在本年度分类目录的项级科目中。${CATALOG_FIX_HINT}`);
};

/**
 * A unit's own sub-numbering of a 302 商品和服务支出 款 (`3020101` under 办公费 30201): accepted only where the
 * year's catalog lists it, for the unit it names.
 */
export const UNIT_SUB_NUMBERED_ECONOMIC_CODE = /^302\d{4}$/;

/**
 * 部门预算支出经济分类 款: 5 digits (or a unit's 7-digit sub-number of a 302 款), a leaf of the year's catalog in force
 * this year; an entry reserved for one unit serves that unit's lines only (`unit`: the line's unit, absent = the
 * department itself, named by `departmentCode`).
 */
export const requireEconomicLeaf = (
  code: string,
  catalog: ClassificationCatalog,
  field: string,
  unit?: { code: string | undefined; departmentCode: string },
): void => {
  if (typeof code !== 'string' || !(/^\d{5}$/.test(code) || UNIT_SUB_NUMBERED_ECONOMIC_CODE.test(code)))
    refuse('CODE_FORMAT_INVALID', field, `支出经济分类科目应为5位数字的款级编码（或单位自编的 302 款下7位编码）：${String(code)}`);
  if (catalog.isRetired?.('economic', code)) refuse('CODE_RETIRED', field, `支出经济分类科目 ${code} 已在本年度分类目录中停用，请改用本年度在用的科目（分类目录由系统管理员维护）`);
  if (!catalog.hasEconomicLeaf(code))
    refuse('CODE_NOT_IN_CATALOG', field, `支出经济分类科目 ${code} 不在本年度分类目录的款级科目中。${CATALOG_FIX_HINT}`);
  const reservedFor = catalog.economicLeafUnit?.(code);
  if (reservedFor !== undefined) {
    const lineUnit = unit ? (unit.code ?? unit.departmentCode) : undefined;
    if (lineUnit !== reservedFor)
      refuse('CODE_NOT_FOR_UNIT', field, `支出经济分类科目 ${code} 是单位 ${reservedFor} 自编的科目，单位 ${lineUnit ?? '（未指定）'} 不能使用`);
  }
};
