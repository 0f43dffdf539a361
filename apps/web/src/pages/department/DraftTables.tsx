import type { DisclosureTablesAnswer } from '@budgetflow/contracts';
import { api, budgetUrl } from '../../api';
import { DisclosureTables } from '../../components/DisclosureTables';
import { Loading, ProblemNotice, useLoad } from '../../components/common';
import type { BudgetPageProps } from './DepartmentPage';

/** 公开表预览: the nine tables as the draft would print them (万元). */
export function DraftTables({ department, year, budget }: BudgetPageProps) {
  const tables = useLoad(async () => (budget ? api<DisclosureTablesAnswer>('GET', `${budgetUrl(department, year)}/tables?version=draft`) : null), [department, year, budget?.streamVersion]);
  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  return (
    <section className="card" aria-labelledby="tables-title">
      <h2 id="tables-title">公开表预览（草案）</h2>
      <Loading loading={tables.loading} />
      <ProblemNotice problem={tables.problem} />
      {tables.data && <DisclosureTables tables={tables.data.tables} unit={tables.data.unit} />}
    </section>
  );
}
