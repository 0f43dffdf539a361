import { Inject, Injectable } from '@nestjs/common';
import type { Projection, ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { PROJECTION_RUNNER, SQL_CLIENT } from '../ports/tokens';

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

/**
 * Reads of a read model's table as routes make them: when the caller names the position of its own write (`after`),
 * first wait (up to 5 s) for the projection to apply it; then query the table of the projection's active version.
 */
@Injectable()
export class ReadModelRows {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  /** The rows `query` selects from `projection`'s table `base` (`query` is given the table's name). */
  async select<Row>(projection: string, base: string, after: bigint | undefined, query: (table: string) => string, values: unknown[]): Promise<Row[]> {
    if (after !== undefined) await this.runner.waitFor(projection, after, 5_000);
    const table = await this.runner.activeTableName(projection, base);
    return (await this.sql.query<Row>(query(table), values)).rows;
  }
}
