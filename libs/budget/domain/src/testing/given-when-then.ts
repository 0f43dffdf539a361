import type { BudgetCommand } from '../commands/budget-commands';
import type { DecideContext } from '../context';
import { decide } from '../decide/decide';
import { DomainError, type DomainErrorCode } from '../errors';
import type { BudgetEvent } from '../events/budget-events';
import { evolve, rebuild } from '../evolve';
import type { Budget } from '../state';
import { testContext } from './world';

/**
 * Specs read as `given(events).when(command).then(events)` or `.thenThrows(code, field?)`.
 * `given` takes events, or a state already built.
 */
export const given = (history: readonly BudgetEvent[] | Budget, ctx: DecideContext = testContext) => {
  const state = Array.isArray(history) ? rebuild(history as BudgetEvent[]) : (history as Budget);
  return {
    when: (command: BudgetCommand) => {
      const run = () => decide(command, state, ctx);
      return {
        then: (expected: BudgetEvent[]) => {
          const events = run();
          expect(events).toEqual(expected);
          return events.reduce(evolve, state);
        },
        /** The events, for specs that look at them piecemeal; returns the state after them too. */
        thenEvents: (): { events: BudgetEvent[]; state: Budget } => {
          const events = run();
          return { events, state: events.reduce(evolve, state) };
        },
        thenNothing: () => expect(run()).toEqual([]),
        thenThrows: (code: DomainErrorCode, field?: string): DomainError => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          const error = caught as DomainError;
          expect(error.code).toBe(code);
          if (field !== undefined) expect(error.field).toBe(field);
          expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
          return error;
        },
      };
    },
  };
};
