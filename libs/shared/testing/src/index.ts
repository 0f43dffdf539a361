// Public face of @budgetflow/testing: helpers for tests only.
export * from './test-schema';
export * from './given-when-then';
export * from './use-case-world';
export * from './projection-batches';
