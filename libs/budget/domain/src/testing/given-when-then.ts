import { deciderSpec } from '@budgetflow/testing';
import type { BudgetCommand } from '../commands/budget-commands';
import type { DecideContext } from '../context';
import { decide } from '../decide/decide';
import { DomainError } from '../errors';
import type { BudgetEvent } from '../events/budget-events';
import { evolve } from '../evolve';
import { type Budget, initialBudget } from '../state';
import { testContext } from './world';

/** Budget decider specs: `given(events).when(command).then(events)` or `.thenThrows(code, field?)`. */
export const given = deciderSpec<BudgetCommand, Budget, BudgetEvent, DecideContext, DomainError>({ decide, evolve, initial: initialBudget, refusal: DomainError }, testContext);
