import { Decimal, type Money } from '@budgetflow/budget-domain';
import { type PaymentTarget, targetKey } from './approved-budget';
import type { ExecutionEvent, PaymentRecorded, PaymentReversed } from './events/execution-events';

/** A payment as the ledger holds it, with its reversal once there is one. */
export interface LedgerPayment {
  voucher: string;
  date: string;
  amount: Money;
  target: PaymentTarget;
  payee: string;
  note: string;
  budgetVersion: number;
  overspend?: { remainingBefore: string };
  reversal?: { date: string; reason: string };
}

/** State of one department-year execution stream (`execution-{dept}-{year}`). */
export interface ExecutionLedger {
  payments: ReadonlyMap<string, LedgerPayment>;
  /** Net executed amount per target key (`project:…` / `basic:…`), all dates: what is left to spend follows from it. */
  netByTarget: ReadonlyMap<string, Money>;
  indicatorReports: number;
  streamVersion: number;
}

export const emptyLedger = (): ExecutionLedger => ({ payments: new Map(), netByTarget: new Map(), indicatorReports: 0, streamVersion: 0 });

interface MutableLedger {
  payments: Map<string, LedgerPayment>;
  netByTarget: Map<string, Money>;
  indicatorReports: number;
  streamVersion: number;
}

const addTo = (ledger: MutableLedger, target: PaymentTarget, amount: Money): void => {
  const key = targetKey(target);
  ledger.netByTarget.set(key, (ledger.netByTarget.get(key) ?? new Decimal(0)).plus(amount));
};

const recordPayment = (ledger: MutableLedger, { data }: PaymentRecorded): void => {
  const amount = new Decimal(data.amount);
  ledger.payments.set(data.voucher, { ...data, amount });
  addTo(ledger, data.target, amount);
};

const reversePayment = (ledger: MutableLedger, { data }: PaymentReversed): void => {
  const payment = ledger.payments.get(data.voucher);
  if (payment) ledger.payments.set(data.voucher, { ...payment, reversal: { date: data.date, reason: data.reason } });
  addTo(ledger, data.target, new Decimal(data.amount).negated());
};

const applyInPlace = (ledger: MutableLedger, event: ExecutionEvent): void => {
  switch (event.type) {
    case 'PaymentRecorded':
      recordPayment(ledger, event);
      break;
    case 'PaymentReversed':
      reversePayment(ledger, event);
      break;
    case 'IndicatorProgressRecorded':
      ledger.indicatorReports += 1;
      break;
  }
  ledger.streamVersion += 1;
};

const copy = (ledger: ExecutionLedger): MutableLedger => ({
  payments: new Map(ledger.payments),
  netByTarget: new Map(ledger.netByTarget),
  indicatorReports: ledger.indicatorReports,
  streamVersion: ledger.streamVersion,
});

/** One event onto the ledger; the given state is left untouched. */
export const evolveLedger = (state: ExecutionLedger, event: ExecutionEvent): ExecutionLedger => {
  const next = copy(state);
  applyInPlace(next, event);
  return next;
};

/** The ledger after a stream's events (one pass, without a copy per event: a year holds thousands of payments). */
export const foldLedger = (events: Iterable<ExecutionEvent>, from: ExecutionLedger = emptyLedger()): ExecutionLedger => {
  const ledger = copy(from);
  for (const event of events) applyInPlace(ledger, event);
  return ledger;
};
