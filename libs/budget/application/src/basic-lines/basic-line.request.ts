import Decimal from 'decimal.js';
import type { BasicLineRevision, FundSource } from '@budgetflow/budget-domain';
import type { RequestReader } from '@budgetflow/platform';

/** `fromCarryOver` (上年结转) and `unit` of a line or project, when given. */
export const readCarryOverAndUnit = (reader: RequestReader): { fromCarryOver?: boolean; unit?: string } => {
  const fromCarryOver = reader.flag('fromCarryOver');
  const unit = reader.optionalText('unit', 64);
  return { ...(fromCarryOver !== undefined ? { fromCarryOver } : {}), ...(unit !== undefined ? { unit } : {}) };
};

/** A basic line's fields (amounts in 元 as decimal strings); the catalog and amount rules are the decider's. */
export function readBasicLine(reader: RequestReader) {
  return {
    functionalCode: reader.text('functionalCode', { max: 20 }),
    economicCode: reader.text('economicCode', { max: 20 }),
    fundSource: reader.text('fundSource', { max: 50 }) as FundSource,
    amount: reader.money('amount') ?? new Decimal(0),
    ...readCarryOverAndUnit(reader),
  };
}

/** Only the fields present change. */
export function readBasicLineRevision(reader: RequestReader, lineId: string): BasicLineRevision {
  const text = (key: string, max: number): string | undefined => (reader.has(key) ? reader.text(key, { max }) : (reader.any(key, { optional: true }) as undefined));
  const functionalCode = text('functionalCode', 20);
  const economicCode = text('economicCode', 20);
  const fundSource = text('fundSource', 50) as FundSource | undefined;
  const amount = reader.money('amount', { optional: true });
  return {
    lineId,
    ...(functionalCode !== undefined ? { functionalCode } : {}),
    ...(economicCode !== undefined ? { economicCode } : {}),
    ...(fundSource !== undefined ? { fundSource } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...readCarryOverAndUnit(reader),
  };
}
