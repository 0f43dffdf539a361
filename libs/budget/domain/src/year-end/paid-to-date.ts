import { Decimal, type Money } from '../money/money';

/**
 * 已支付 — net payments to date (payments less reversals) per basic line and per project, as the execution context
 * records them. The budget context never reads payments itself: the application fetches these figures through a
 * port (implemented in the context map) and hands them to the decider in its context.
 */
export interface PaidToDate {
  basicLines: ReadonlyMap<string, Money>;
  projects: ReadonlyMap<string, Money>;
}

export const nothingPaid = (): PaidToDate => ({ basicLines: new Map(), projects: new Map() });

export const paidOfLine = (paid: PaidToDate | undefined, lineId: string): Money => paid?.basicLines.get(lineId) ?? new Decimal(0);
export const paidOfProject = (paid: PaidToDate | undefined, code: string): Money => paid?.projects.get(code) ?? new Decimal(0);
