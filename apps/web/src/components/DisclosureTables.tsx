import { useState } from 'react';
import type { DisclosureTableView } from '@budgetflow/contracts';
import { TABLE_LAYOUTS, type DisclosureTableId } from '../../../../libs/budget/projections/src/table-layouts';
import { Scroll } from './common';

/** Header cells with their spans, skipping cells covered by a merge. */
function headerRows(id: DisclosureTableId) {
  const layout = TABLE_LAYOUTS[id];
  const covered = new Set<string>();
  return layout.header.map((row, r) =>
    row
      .map((label, c) => {
        if (covered.has(`${r}:${c}`)) return null;
        const merge = layout.merges.find((m) => m.top === r && m.left === c);
        if (merge) for (let rr = merge.top; rr <= merge.bottom; rr++) for (let cc = merge.left; cc <= merge.right; cc++) if (rr !== r || cc !== c) covered.add(`${rr}:${cc}`);
        return { label, c, rowSpan: merge ? merge.bottom - merge.top + 1 : 1, colSpan: merge ? merge.right - merge.left + 1 : 1 };
      })
      .filter((cell): cell is { label: string; c: number; rowSpan: number; colSpan: number } => cell !== null),
  );
}

export function TableView({ table, unit }: { table: DisclosureTableView; unit: string }) {
  const id = table.id as DisclosureTableId;
  const layout = TABLE_LAYOUTS[id];
  const empty = table.rows.every((row) => row.every((cell) => cell === ''));
  return (
    <section className="disclosure-table" aria-labelledby={`table-${id}`}>
      <h3 id={`table-${id}`}>
        {id.replace('T', '表')} {table.title}
      </h3>
      <p className="unit">单位：{unit}</p>
      <Scroll label={`${table.title}（可横向滚动）`}>
        <table>
          <thead>
            {layout
              ? headerRows(id).map((row, r) => (
                  <tr key={r}>
                    {row.map((cell) => (
                      <th key={cell.c} scope="col" rowSpan={cell.rowSpan} colSpan={cell.colSpan}>
                        {cell.label}
                      </th>
                    ))}
                  </tr>
                ))
              : null}
          </thead>
          <tbody>
            {empty ? (
              <tr>
                <td colSpan={layout?.columnCount ?? 1}>{layout?.emptyNote ?? '本表无数据'}</td>
              </tr>
            ) : (
              table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={layout?.amountColumns.includes(c) ? 'amount' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

/** The nine disclosure tables, one at a time (a phone cannot hold them side by side), or all for print. */
export function DisclosureTables({ tables, unit, all = false }: { tables: DisclosureTableView[]; unit: string; all?: boolean }) {
  const [current, setCurrent] = useState(tables[0]?.id ?? 'T1');
  if (all) return <>{tables.map((t) => <TableView key={t.id} table={t} unit={unit} />)}</>;
  const table = tables.find((t) => t.id === current) ?? tables[0];
  return (
    <div>
      <div className="table-picker" role="group" aria-label="选择公开表">
        {tables.map((t) => (
          <button key={t.id} type="button" className={t.id === current ? 'chip chip-on' : 'chip'} aria-pressed={t.id === current} onClick={() => setCurrent(t.id)}>
            {t.id.replace('T', '表')}
          </button>
        ))}
      </div>
      {table && <TableView table={table} unit={unit} />}
    </div>
  );
}
