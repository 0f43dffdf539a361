import type { ProposeBasicLine, ReviseBasicLine, WithdrawBasicLine } from '../commands/draft-commands';
import { basicLineIndex, basicLineKey } from '../content/basic-line-index';
import type { BasicExpenditureLine, BudgetContent } from '../content/budget-content';
import type { DecideContext } from '../context';
import { refuse } from '../errors';
import type { BasicLineProposed, BasicLineRevised, BasicLineWithdrawn } from '../events/draft-events';
import { requirePositiveAmount } from '../rules/amounts';
import { requireEconomicLeaf, requireFunctionalLeaf } from '../rules/classification-codes';
import { requireFundSource } from '../rules/sources';
import { normalisedUnit, requireKnownUnit } from '../rules/units';
import { requireText } from '../rules/text';
import { basicLineToWire, sameJson } from '../wire/content-wire';
import type { ContentDecider } from './decider';

const checkLine = (line: BasicExpenditureLine, ctx: DecideContext, content: BudgetContent): void => {
  requireText(line.lineId, 'lineId');
  requireFunctionalLeaf(line.functionalCode, ctx.catalog, 'functionalCode');
  requireEconomicLeaf(line.economicCode, ctx.catalog, 'economicCode', { code: line.unit, departmentCode: content.department.code });
  requireFundSource(line.fundSource, 'fundSource');
  requirePositiveAmount(line.amount, 'amount');
};

/** Basic lines are one per (functional 项, economic 款, fund source): the tables add them up by that key. */
const requireUniqueKey = (line: BasicExpenditureLine, content: BudgetContent): void => {
  const holder = basicLineIndex(content.basicExpenditureLines).byKey.get(basicLineKey(line));
  if (holder !== undefined && holder !== line.lineId)
    refuse(
      'DUPLICATE_BASIC_LINE',
      'economicCode',
      `基本支出 ${line.functionalCode}/${line.economicCode}/${line.fundSource}${line.fromCarryOver ? '（上年结转）' : ''}${line.unit ? `（单位 ${line.unit}）` : ''} 已由明细 ${holder} 列示`,
    );
};

export const proposeBasicLine: ContentDecider<ProposeBasicLine, BasicLineProposed> = (command, content, ctx, stamp) => {
  const line: BasicExpenditureLine = {
    lineId: command.lineId,
    functionalCode: command.functionalCode,
    economicCode: command.economicCode,
    fundSource: command.fundSource,
    amount: command.amount,
    ...(command.fromCarryOver === true ? { fromCarryOver: true } : {}),
  };
  requireKnownUnit(command.unit, content, 'unit');
  const unit = normalisedUnit(command.unit, content);
  if (unit !== undefined) line.unit = unit;
  checkLine(line, ctx, content);
  const existing = basicLineIndex(content.basicExpenditureLines).byId.get(line.lineId);
  if (existing) {
    if (sameJson(basicLineToWire(existing), basicLineToWire(line))) return [];
    refuse('DUPLICATE_LINE_ID', 'lineId', `基本支出明细编号 ${line.lineId} 已存在`);
  }
  requireUniqueKey(line, content);
  return [{ type: 'BasicLineProposed', data: { line: basicLineToWire(line), ...stamp } }];
};

export const reviseBasicLine: ContentDecider<ReviseBasicLine, BasicLineRevised> = (command, content, ctx, stamp) => {
  const existing = content.basicExpenditureLines.find((l) => l.lineId === command.lineId);
  if (!existing) return refuse('LINE_NOT_FOUND', 'lineId', `基本支出明细 ${command.lineId} 不存在`);
  const revised: BasicExpenditureLine = {
    lineId: existing.lineId,
    functionalCode: command.functionalCode ?? existing.functionalCode,
    economicCode: command.economicCode ?? existing.economicCode,
    fundSource: command.fundSource ?? existing.fundSource,
    amount: command.amount ?? existing.amount,
  };
  const fromCarryOver = command.fromCarryOver ?? existing.fromCarryOver;
  if (fromCarryOver === true) revised.fromCarryOver = true;
  requireKnownUnit(command.unit, content, 'unit');
  const unit = normalisedUnit(command.unit ?? existing.unit, content);
  if (unit !== undefined) revised.unit = unit;
  checkLine(revised, ctx, content);
  if (sameJson(basicLineToWire(existing), basicLineToWire(revised))) return [];
  requireUniqueKey(revised, content);
  return [{ type: 'BasicLineRevised', data: { line: basicLineToWire(revised), ...stamp } }];
};

/** Withdrawing a line that is not there is already done. */
export const withdrawBasicLine: ContentDecider<WithdrawBasicLine, BasicLineWithdrawn> = (command, content, _ctx, stamp) =>
  content.basicExpenditureLines.some((l) => l.lineId === command.lineId)
    ? [{ type: 'BasicLineWithdrawn', data: { lineId: command.lineId, ...stamp } }]
    : [];
