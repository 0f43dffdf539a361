import type { ReactNode } from 'react';
import { Scroll, StatusBadge } from './common';

/** One column of a `DataTable`: its header and how a row fills its cell. */
export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Money and percents: right-aligned in head and body. */
  amount?: boolean;
  /** The cell that names the row (`<th scope="row">`), as in the monitoring tables. */
  rowHeader?: boolean;
  /** A class for the body cells besides `amount` (e.g. `row-actions`). */
  className?: string;
}

/**
 * The console's list tables: scrollable on a phone, a caption for screen readers (visible when `showCaption`),
 * column headers with scope, one row per item. Pages say only which columns they show.
 */
export function DataTable<Row>({
  label,
  caption,
  showCaption = false,
  className,
  columns,
  rows,
  rowKey,
  rowClassName,
  footer,
}: {
  /** Name of the scroll region (`…（可横向滚动）`). */
  label: string;
  caption: ReactNode;
  showCaption?: boolean;
  className?: string;
  columns: ReadonlyArray<Column<Row> | false>;
  rows: readonly Row[];
  /** The field that tells rows apart, or a function of the row; the position when rows have no identity. */
  rowKey?: keyof Row | ((row: Row, index: number) => string | number);
  rowClassName?: (row: Row) => string | undefined;
  /** `<tfoot>` rows (totals). */
  footer?: ReactNode;
}) {
  const keyOf = (row: Row, index: number): string | number =>
    rowKey === undefined ? index : typeof rowKey === 'function' ? rowKey(row, index) : String(row[rowKey]);
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  const cellClass = (column: Column<Row>) => [column.amount ? 'amount' : '', column.className ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <Scroll label={label}>
      <table className={className}>
        <caption className={showCaption ? undefined : 'sr-only'}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((column, c) => (
              <th key={c} scope="col" className={column.amount ? 'amount' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={keyOf(row, r)} className={rowClassName?.(row)}>
              {shown.map((column, c) =>
                column.rowHeader ? (
                  <th key={c} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={c} className={cellClass(column)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </Scroll>
  );
}

/** 状态 of a department's budget, in words and colour. */
export const statusColumn: Column<{ status?: string }> = { header: '状态', cell: (row) => <StatusBadge status={row.status} /> };
