import { formatYuan, sumYuan, yuanToWan } from '../../money';
import { Link } from '../../router';
import { Scroll } from '../../components/common';
import { type BudgetPageProps, codeName, isEditable } from './DepartmentPage';

/** 项目支出: the projects with their plan and indicator counts; each opens its editor. */
export function Projects({ budget, catalog, base }: BudgetPageProps & { base: string }) {
  if (!budget) return <p className="notice notice-info">请先在“概况与报送”中导入或建立草案。</p>;
  const projects = budget.content.projects;
  return (
    <section className="card" aria-labelledby="projects-title">
      <h2 id="projects-title">项目支出</h2>
      <p>
        共 {projects.length} 个项目，合计 {yuanToWan(sumYuan(projects.map((p) => p.amount)))} 万元。
      </p>
      <Scroll label="项目列表（可横向滚动）">
        <table>
          <caption className="sr-only">项目列表</caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              <th scope="col">功能分类</th>
              <th scope="col" className="amount">
                金额（元）
              </th>
              <th scope="col">支出计划</th>
              <th scope="col">绩效指标</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((project) => (
              <tr key={project.code}>
                <td>
                  <Link to={`${base}/projects/${encodeURIComponent(project.code)}`}>{project.name}</Link>
                  <div className="sub">{project.code}</div>
                </td>
                <td>
                  {project.functionalCode} {codeName(catalog, 'functional', project.functionalCode)}
                </td>
                <td className="amount">{formatYuan(project.amount)}</td>
                <td>{project.spendingPlan.map((c) => `${c.checkpoint} ${c.cumulativePercent}%`).join('，')}</td>
                <td>{project.indicators.length} 项</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {isEditable(budget) && (
        <p>
          <Link className="button" to={`${base}/projects/new`}>
            新增项目
          </Link>
        </p>
      )}
    </section>
  );
}
