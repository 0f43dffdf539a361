import type { Projection } from '@budgetflow/event-store';

/**
 * A read model as the contexts declare it: the tables it owns, each base name with its column definitions (and
 * statements to run after them, such as indexes, given the version's suffix), instead of a hand-written `setup`.
 */
export type ReadModel = Omit<Projection, 'tables' | 'setup'> & {
  tables: Readonly<Record<string, string>>;
  afterTables?: (suffix: string) => string;
};

/** The projection of a read model: `tables` are its base names, `setup` creates each with the version's suffix. */
export const readModel = ({ tables, afterTables, ...projection }: ReadModel): Projection => ({
  ...projection,
  tables: Object.keys(tables),
  async setup(tx, suffix) {
    const creates = Object.entries(tables).map(([name, columns]) => `CREATE TABLE IF NOT EXISTS ${name}${suffix} (${columns})`);
    await tx.exec([...creates, ...(afterTables ? [afterTables(suffix)] : [])].join(';\n'));
  },
});
