/**
 * A two-year 项目库 entry of 500,000.00 元 (信访信息系统升级, 2014004): 300,000.00 in `startYear`, 200,000.00 the
 * year after; `more` adds or overrides fields.
 */
export const twoYearLibraryProject = <More extends Record<string, unknown>>(code: string, startYear: number, more: More = {} as More) => ({
  code,
  name: '信访信息系统升级',
  functionalCode: '2014004',
  totalAmount: '500000.00',
  startYear,
  endYear: startYear + 1,
  yearlyAmounts: [
    { fiscalYear: startYear, amount: '300000.00' },
    { fiscalYear: startYear + 1, amount: '200000.00' },
  ],
  ...more,
});
