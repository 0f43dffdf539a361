import type { CatalogNames } from '../content/budget-content';
import type { CatalogEntry } from './parse-budget-facts';

/** A `CatalogNames` lookup over plain catalog entries (e.g. a document's `catalogUsed`). */
export const catalogNamesFromEntries = (catalog: {
  functional: readonly CatalogEntry[];
  economic: readonly CatalogEntry[];
}): CatalogNames => {
  const functional = new Map(catalog.functional.map((entry) => [entry.code, entry.name]));
  const economic = new Map(catalog.economic.map((entry) => [entry.code, entry.name]));
  return {
    functionalName: (code) => functional.get(code),
    economicName: (code) => economic.get(code),
  };
};
