import { client } from '../../api';
import { DisclosureTables } from '../../components/DisclosureTables';
import { useLoad } from '../../components/common';
import type { BudgetPageProps } from './DepartmentPage';
import { Card } from '../../components/Card';
import { LoadStatus } from '../../components/LoadStatus';

/** 公开表预览: the nine tables as the draft would print them (万元). */
export function DraftTables({ department, year, budget }: BudgetPageProps) {
  const tables = useLoad(async () => (budget ? client.tables({ department, year }, { version: 'draft' }) : null), [department, year, budget?.streamVersion]);
  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  return (
    <Card id="tables-title" title="公开表预览（草案）">
      <LoadStatus of={tables} />
      {tables.data && <DisclosureTables tables={tables.data.tables} unit={tables.data.unit} />}
    </Card>
  );
}
