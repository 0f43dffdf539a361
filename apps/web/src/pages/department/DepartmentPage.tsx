import type { BudgetView, CatalogView } from '@budgetflow/contracts';
import { client, orNull } from '../../api';
import { Link } from '../../router';
import { Loading, ProblemNotice, StatusBadge, useLoad } from '../../components/common';
import { Overview } from './Overview';
import { BasicLines } from './BasicLines';
import { Projects } from './Projects';
import { ProjectEditor } from './ProjectEditor';
import { DraftTables } from './DraftTables';
import { AdjustmentRequest } from './AdjustmentRequest';
import { Payments } from './Payments';
import { Inbox } from './Inbox';

const TABS: Array<[string, string]> = [
  ['overview', '概况与报送'],
  ['lines', '基本支出'],
  ['projects', '项目支出'],
  ['tables', '公开表预览'],
  ['adjustment', '预算调整'],
  ['payments', '支付与指标进度'],
  ['inbox', '消息提醒'],
];

export interface BudgetPageProps {
  department: string;
  year: string;
  budget: BudgetView | null;
  catalog: CatalogView | null;
  reload: () => Promise<void>;
}

/** 部门经办人: the year's budget of one department, tab by tab. */
export function DepartmentPage({ department, year, tab, item }: { department: string; year: string; tab: string; item?: string }) {
  const base = `/department/${encodeURIComponent(department)}/${encodeURIComponent(year)}`;
  const loaded = useLoad(async () => {
    const [budget, catalog] = await Promise.all([orNull(client.budget({ department, year }, { version: 'draft' })), orNull(client.catalog(year))]);
    return { budget, catalog };
  }, [department, year]);
  const budget = loaded.data?.budget ?? null;
  const props: BudgetPageProps = { department, year, budget, catalog: loaded.data?.catalog ?? null, reload: loaded.reload };
  const title = budget?.content.department.name ?? `部门 ${department}`;

  return (
    <div>
      <div className="page-head">
        <h1>
          {title} {year}年部门预算
        </h1>
        <StatusBadge status={budget?.status} />
      </div>
      <nav aria-label="预算栏目" className="tabs">
        {TABS.map(([key, label]) => (
          <Link key={key} to={key === 'overview' ? base : `${base}/${key}`} className={key === tab ? 'tab tab-on' : 'tab'}>
            {label}
          </Link>
        ))}
      </nav>
      <Loading loading={loaded.loading && !loaded.data} />
      <ProblemNotice problem={loaded.problem} />
      {loaded.data && (
        <>
          {tab === 'overview' && <Overview {...props} />}
          {tab === 'lines' && <BasicLines {...props} />}
          {tab === 'projects' && !item && <Projects {...props} base={base} />}
          {tab === 'projects' && item && <ProjectEditor key={item} {...props} code={item} base={base} />}
          {tab === 'tables' && <DraftTables {...props} />}
          {tab === 'adjustment' && <AdjustmentRequest {...props} />}
          {tab === 'payments' && <Payments {...props} />}
          {tab === 'inbox' && <Inbox />}
        </>
      )}
    </div>
  );
}

export const isEditable = (budget: BudgetView | null): boolean => budget?.status === 'drafting';

export const codeName = (catalog: CatalogView | null, scheme: 'functional' | 'economic', code: string): string => catalog?.[scheme].find((entry) => entry.code === code)?.name ?? '';
