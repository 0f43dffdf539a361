import type { PerformanceIndicator } from '../content/budget-content';
import type { IndicatorEntry } from '../commands/draft-commands';
import { refuse } from '../errors';
import { parseIndicatorTarget } from './indicator-target';
import { requireText } from './text';

/** 一级指标 → the 二级指标 allowed under it (财政部 项目支出绩效目标 framework). */
export const INDICATOR_LEVELS: Record<string, readonly string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

export const parseIndicator = (entry: IndicatorEntry, field: string): PerformanceIndicator => {
  const allowed = INDICATOR_LEVELS[entry.level1];
  if (!allowed) refuse('INDICATOR_LEVEL1_UNKNOWN', `${field}.level1`, `一级指标“${entry.level1}”应为：${Object.keys(INDICATOR_LEVELS).join('、')}`);
  if (!allowed.includes(entry.level2))
    refuse('INDICATOR_LEVEL2_UNKNOWN', `${field}.level2`, `二级指标“${entry.level2}”不属于${entry.level1}，应为：${allowed.join('、')}`);
  requireText(entry.name, `${field}.name`);
  const target = parseIndicatorTarget(entry.target);
  if (!target) refuse('INDICATOR_TARGET_INVALID', `${field}.target`);
  return {
    level1: entry.level1,
    level2: entry.level2,
    name: entry.name,
    description: entry.description ?? '',
    target: target!,
    basis: entry.basis ?? '',
  };
};

/** 绩效指标 of a project, each checked and its target parsed. */
export const parseIndicators = (entries: IndicatorEntry[], field: string): PerformanceIndicator[] =>
  (entries ?? []).map((entry, i) => parseIndicator(entry, `${field}[${i}]`));

/**
 * An indicator with its target in another form (printed for a proposal, a copy for the wire), its fields in the
 * one order every form keeps.
 */
export const indicatorWithTarget = <T>(indicator: PerformanceIndicator, target: T): Omit<PerformanceIndicator, 'target'> & { target: T } => ({
  level1: indicator.level1,
  level2: indicator.level2,
  name: indicator.name,
  description: indicator.description,
  target,
  basis: indicator.basis,
});
