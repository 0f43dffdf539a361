import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import type { CatalogView, ProjectWire } from '@budgetflow/contracts';
import { type Column, DataTable } from '../../components/DataTable';
import { type BudgetPageProps, codeName, isEditable } from './DepartmentPage';
import { Card } from '../../components/Card';

/** A project per row: its editor link, classification, amount, plan and how many indicators. */
const projectColumns = (base: string, catalog: CatalogView | null): Array<Column<ProjectWire>> => [
  {
    header: '项目',
    cell: (project) => (
      <>
        <Link to={`${base}/projects/${encodeURIComponent(project.code)}`}>{project.name}</Link>
        <div className="sub">{project.code}</div>
      </>
    ),
  },
  { header: '功能分类', cell: (project) => `${project.functionalCode} ${codeName(catalog, 'functional', project.functionalCode)}` },
  { header: '金额（元）', amount: true, cell: (project) => formatYuan(project.amount) },
  { header: '支出计划', cell: (project) => project.spendingPlan.map((c) => `${c.checkpoint} ${c.cumulativePercent}%`).join('，') },
  { header: '绩效指标', cell: (project) => `${project.indicators.length} 项` },
];

/** 项目支出: the projects with their plan and indicator counts; each opens its editor. */
export function Projects({ budget, catalog, base }: BudgetPageProps & { base: string }) {
  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  const projects = budget.content.projects;
  return (
    <Card id="projects-title" title="项目支出">
      <p>
        共 {projects.length} 个项目，合计 {yuanToWan(sumYuan(projects.map((p) => p.amount)))} 万元。
      </p>
      <DataTable label="项目列表（可横向滚动）" caption="项目列表" rows={projects} rowKey="code" columns={projectColumns(base, catalog)} />
      {isEditable(budget) && (
        <p>
          <Link className="button" to={`${base}/projects/new`}>
            新增项目
          </Link>
        </p>
      )}
    </Card>
  );
}
