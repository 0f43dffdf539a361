import type { CatalogNames, FundSource, IncomeSource } from './domain';

/**
 * Table 1 and Table 4 list the 31 functional 类 (支出功能分类) in this fixed order, printed even when empty.
 * `code` is the 类 code whose spending the row shows; 人行科目 has no 类 code of its own.
 */
export const FUNCTIONAL_CATEGORY_ROWS: ReadonlyArray<{ code: string | null; label: string }> = [
  { code: '201', label: '一、一般公共服务支出' },
  { code: '202', label: '二、外交支出' },
  { code: '203', label: '三、国防支出' },
  { code: '204', label: '四、公共安全支出' },
  { code: '205', label: '五、教育支出' },
  { code: '206', label: '六、科学技术支出' },
  { code: '207', label: '七、文化旅游体育与传媒支出' },
  { code: '208', label: '八、社会保障和就业支出' },
  { code: '209', label: '九、社会保险基金支出' },
  { code: '210', label: '十、卫生健康支出' },
  { code: '211', label: '十一、节能环保支出' },
  { code: '212', label: '十二、城乡社区支出' },
  { code: '213', label: '十三、农林水支出' },
  { code: '214', label: '十四、交通运输支出' },
  { code: '215', label: '十五、资源勘探工业信息等支出' },
  { code: '216', label: '十六、商业服务业等支出' },
  { code: '217', label: '十七、金融支出' },
  { code: '219', label: '十八、援助其他地区支出' },
  { code: '220', label: '十九、自然资源海洋气象等支出' },
  { code: '221', label: '二十、住房保障支出' },
  { code: '222', label: '二十一、粮油物资储备支出' },
  { code: '223', label: '二十二、国有资本经营预算支出' },
  { code: '224', label: '二十三、灾害防治及应急管理支出' },
  { code: '227', label: '二十四、预备费' },
  { code: '229', label: '二十五、其他支出' },
  { code: '230', label: '二十六、转移性支出' },
  { code: '231', label: '二十七、债务还本支出' },
  { code: '232', label: '二十八、债务付息支出' },
  { code: '233', label: '二十九、债务发行费用支出' },
  { code: '234', label: '三十、抗疫特别国债安排的支出' },
  { code: null, label: '三十一、人行科目' },
];

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 一, 二 … 十, 十一 … 二十 … 九十九: how Tables 1 and 4 number their 类 rows. */
export const chineseNumeral = (n: number): string => {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones];
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[ones]}`;
};

/** 人行科目 has no 类 code of its own; the published form prints it last. */
const CENTRAL_BANK_ROW = '人行科目';

/**
 * The 类 rows of Tables 1 and 4: the 类 of the year's catalog in code order with that year's names (and any 类 that
 * has spending without being in the catalog), numbered, then 人行科目. Without a catalog that lists its 类, the
 * 2024 rows.
 */
export const functionalCategoryRows = (
  catalog: CatalogNames,
  spentClasses: Iterable<string>,
): ReadonlyArray<{ code: string | null; label: string }> => {
  const listed = catalog.functionalClasses?.() ?? [];
  if (listed.length === 0) return FUNCTIONAL_CATEGORY_ROWS;
  const codes = [...new Set([...listed.map((entry) => entry.code), ...spentClasses])].sort();
  const fallbackName = (code: string) => FUNCTIONAL_CATEGORY_ROWS.find((row) => row.code === code)?.label.replace(/^[^、]*、/, '');
  return [
    ...codes.map((code, i) => ({ code, label: `${chineseNumeral(i + 1)}、${catalog.functionalName(code) ?? fallbackName(code) ?? code}` })),
    { code: null, label: `${chineseNumeral(codes.length + 1)}、${CENTRAL_BANK_ROW}` },
  ];
};

/** 财政拨款 — the three fund sources that are fiscal appropriations, in the column order of Tables 4, 9. */
export const FISCAL_FUND_SOURCES: readonly FundSource[] = ['一般公共预算拨款', '政府性基金预算拨款', '国有资本经营预算拨款'];

export const GENERAL_BUDGET: FundSource = '一般公共预算拨款';
export const GOVERNMENT_FUND: FundSource = '政府性基金预算拨款';
export const STATE_CAPITAL: FundSource = '国有资本经营预算拨款';
export const FISCAL_SPECIAL_ACCOUNT: FundSource = '财政专户管理资金';
export const UNIT_FUNDS: FundSource = '单位资金';

export const isFiscalFund = (fundSource: FundSource): boolean => FISCAL_FUND_SOURCES.includes(fundSource);

/** 单位资金 — the income sources Table 1 sums into its 五、单位资金 row, in the column order of Table 2. */
export const UNIT_INCOME_SOURCES: readonly IncomeSource[] = ['事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'];

export const CARRY_OVER_SOURCE: IncomeSource = '上年结转结余';

/** 人员经费 vs 公用经费 follows the economic 类: 301 工资福利支出 and 303 对个人和家庭的补助 are personnel funds. */
const PERSONNEL_ECONOMIC_CATEGORIES = ['301', '303'];
export const isPersonnelEconomicCode = (economicCode: string): boolean =>
  PERSONNEL_ECONOMIC_CATEGORIES.includes(economicCode.slice(0, 3));

/** “三公”经费 — the economic 款 codes behind Table 9, by item (公务用车购置 is 31013 or 30913). */
export { THREE_PUBLIC_ITEM_CODES as THREE_PUBLIC_CODES } from './domain';

/** 类 (3 digits) and 款 (5 digits) above a 项 code, then the code itself: the roll-up path of a line. */
export const functionalPath = (itemCode: string): string[] => [itemCode.slice(0, 3), itemCode.slice(0, 5), itemCode];
/** A unit's own 7-digit sub-number of a 302 款 is printed under its 款: the tables show 类 and 款 only. */
export const economicPath = (itemCode: string): string[] => [itemCode.slice(0, 3), itemCode.slice(0, 5)];
