import type { BudgetContent } from '../content/budget-content';
import type { DecideContext } from '../context';
import type { EventStamp } from '../events/event';
import type { Budget } from '../state';

/**
 * The one shape of a decision: a command on what it decides against (`S`: the budget's state, or the content of the
 * draft or adjusted version it edits), the year's context and the stamp of its events → the events, or a thrown
 * `DomainError`.
 */
export type Decider<C, S, E> = (command: C, state: S, ctx: DecideContext, stamp: EventStamp) => E[];
/** A decision on the whole budget (its status, versions, adjustments). */
export type BudgetDecider<C, E> = Decider<C, Budget, E>;
/** A decision on content alone: the draft deciders and the adjustment decider (which replays edits) share them. */
export type ContentDecider<C, E> = Decider<C, BudgetContent, E>;

/** One decider per command type, each given only its own commands. */
export type DeciderTable<C extends { type: string }, S, E> = { readonly [T in C['type']]: Decider<Extract<C, { type: T }>, S, E> };

/** The decider of a union of commands: the table's decider of the command's type. */
export const byCommandType =
  <C extends { type: string }, S, E>(table: DeciderTable<C, S, E>): Decider<C, S, E> =>
  (command, state, ctx, stamp) =>
    (table[command.type as C['type']] as Decider<C, S, E>)(command, state, ctx, stamp);
