import type { BudgetContentWire, CatalogView, DisclosureTableView, ProjectLineWire } from '@budgetflow/contracts';
import { formatYuan } from '../../money';
import { DataTable } from '../../components/DataTable';
import { DisclosureTables } from '../../components/DisclosureTables';
import { IndicatorTable } from '../../components/IndicatorTable';
import { codeName } from '../department/DepartmentPage';

const coded = (catalog: CatalogView | null, scheme: 'functional' | 'economic', code: string): string => `${code} ${codeName(catalog, scheme, code)}`.trim();

/**
 * 报送内容: the budget finance is asked to sign, in full — income, every basic line, every project with its
 * spending plan, indicators and lines — then the nine tables as they would be published.
 */
export function SubmittedBudget({ content, catalog, tables, unit }: { content: BudgetContentWire; catalog: CatalogView | null; tables?: DisclosureTableView[]; unit?: string }) {
  return (
    <div className="submitted-budget">
      <h3 id="income-heading">收入</h3>
      <DataTable
        label="收入（可横向滚动）"
        caption="收入预算（元）"
        rows={content.income}
        rowKey="source"
        columns={[
          { header: '收入来源', rowHeader: true, cell: (i) => i.source },
          { header: '金额（元）', amount: true, cell: (i) => formatYuan(i.amount) },
        ]}
      />
      {[content.carryOver.fromLastYear, content.carryOver.toNextYear].some((amount) => !/^0+(\.0+)?$/.test(amount)) && (
        <p>
          上年结转结余 {formatYuan(content.carryOver.fromLastYear)} 元，结转下年 {formatYuan(content.carryOver.toNextYear)} 元。
        </p>
      )}

      <h3 id="basic-heading">基本支出（{content.basicExpenditureLines.length} 行）</h3>
      <DataTable
        label="基本支出明细（可横向滚动）"
        caption="基本支出明细（元）"
        rows={content.basicExpenditureLines}
        rowKey="lineId"
        columns={[
          { header: '功能分类', cell: (l) => coded(catalog, 'functional', l.functionalCode) },
          { header: '经济分类', cell: (l) => coded(catalog, 'economic', l.economicCode) },
          { header: '资金来源', cell: (l) => l.fundSource },
          { header: '金额（元）', amount: true, cell: (l) => formatYuan(l.amount) },
        ]}
      />

      <h3 id="projects-heading">项目支出（{content.projects.length} 个）</h3>
      {content.projects.map((p) => (
        <details key={p.code} className="project-detail">
          <summary>
            {p.name}（{p.code}）：{formatYuan(p.amount)} 元
          </summary>
          <p>
            功能分类 {coded(catalog, 'functional', p.functionalCode)}；资金来源 {p.fundSource}；财政资金 {formatYuan(p.fiscalFunds)} 元，其他资金 {formatYuan(p.otherFunds)} 元。
          </p>
          {p.purpose && <p>资金用途：{p.purpose}</p>}
          {p.goal && <p>绩效目标：{p.goal}</p>}
          <p>支出计划：{p.spendingPlan.map((c) => `${c.checkpoint}累计 ${c.cumulativePercent}%`).join('；') || '无'}</p>
          <IndicatorTable project={p} last={{ header: '确定依据', cell: (i) => i.basis }} />
          {p.lines.length > 0 && (
            <DataTable
              label={`${p.name}支出明细（可横向滚动）`}
              caption={`${p.name}支出明细（元）`}
              rows={p.lines}
              columns={[
                { header: '功能分类', cell: (l: ProjectLineWire) => coded(catalog, 'functional', l.functionalCode) },
                { header: '经济分类', cell: (l) => coded(catalog, 'economic', l.economicCode) },
                { header: '资金来源', cell: (l) => l.fundSource },
                { header: '金额（元）', amount: true, cell: (l) => formatYuan(l.amount) },
              ]}
            />
          )}
        </details>
      ))}

      {tables && unit && (
        <>
          <h3 id="tables-heading">公开表（九张）</h3>
          <DisclosureTables tables={tables} unit={unit} />
        </>
      )}
    </div>
  );
}
