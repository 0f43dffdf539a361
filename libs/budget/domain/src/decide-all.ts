import type { BudgetCommand } from './commands/budget-commands';
import type { DecideContext } from './context';
import { decide } from './decide/decide';
import { DomainError } from './errors';
import type { BudgetEvent } from './events/budget-events';
import { evolveAll } from './evolve';
import type { Budget } from './state';

/**
 * Decides a batch of commands as one: each command sees the state the previous ones left. Returns all
 * events and the resulting state, or throws the first refusal tagged with `commandIndex` — so the caller
 * appends everything or nothing (an import is atomic).
 */
export const decideAll = (
  commands: readonly BudgetCommand[],
  state: Budget,
  ctx: DecideContext,
): { events: BudgetEvent[]; state: Budget } => {
  const events: BudgetEvent[] = [];
  let current = state;
  commands.forEach((command, index) => {
    let produced: BudgetEvent[];
    try {
      produced = decide(command, current, ctx);
    } catch (error) {
      throw error instanceof DomainError ? error.atCommand(index) : error;
    }
    events.push(...produced);
    current = evolveAll(current, produced);
  });
  return { events, state: current };
};
