import type { ExecutionCommand } from '../commands/execution-commands';
import type { ExecutionEvent } from '../events/execution-events';
import type { ExecutionLedger } from '../ledger';
import type { ExecutionContext } from './execution-context';
import { recordIndicatorProgress } from './record-indicator-progress';
import { recordPayments } from './record-payments';
import { reversePayment } from './reverse-payment';

/** The decider of a department-year execution ledger: refuses with an `ExecutionError` or returns the events. */
export const decideExecution = (command: ExecutionCommand, ledger: ExecutionLedger, ctx: ExecutionContext): ExecutionEvent[] => {
  switch (command.type) {
    case 'RecordPayments':
      return recordPayments(command, ledger, ctx);
    case 'ReversePayment':
      return reversePayment(command, ledger, ctx);
    case 'RecordIndicatorProgress':
      return recordIndicatorProgress(command, ctx);
  }
};

