import { parseIndicatorTarget } from './indicator-target';
import { parseCheckpointMonth } from './spending-plan';

describe('parseIndicatorTarget', () => {
  it.each([
    ['8 个', null, '8', '个'],
    ['100 %', null, '100', '%'],
    ['100%', null, '100', '%'],
    ['≤60天', '≤', '60', '天'],
    ['5 万元', null, '5', '万元'],
    ['72.4万元', null, '72.4', '万元'],
    ['≥95 %', '≥', '95', '%'],
    ['＝9人', '＝', '9', '人'],
    ['>=90%', '≥', '90', '%'],
    ['<= 3 天', '≤', '3', '天'],
    ['=9人', '＝', '9', '人'],
    ['＞＝９５％', '≥', '95', '%'],
    ['＜＝1天', '≤', '1', '天'],
    ['≧4人', '≥', '4', '人'],
    ['>= 95%', '≥', '95', '%'],
    ['<=1天', '≤', '1', '天'],
    ['6套', null, '6', '套'],
  ])('%s', (printed, comparator, value, unit) => {
    expect(parseIndicatorTarget(printed)).toEqual({ printed, comparator, value, unit });
  });

  it.each(['', '较好', '显著提升', '≥', '约5-8个'])('refuses %p', (printed) => {
    expect(parseIndicatorTarget(printed)).toBeNull();
  });
});

describe('parseCheckpointMonth', () => {
  it.each([['3月底', 3], ['12月底', 12], ['10月末', 10], ['0月底', null], ['13月底', null], ['年底', null]])('%s → %p', (text, month) => {
    expect(parseCheckpointMonth(text as string)).toBe(month);
  });
});
