import type { PerformanceGoalTableView } from '@budgetflow/contracts';
import { budgetUrl, client, orNull } from '../api';
import { DisclosureTables } from '../components/DisclosureTables';
import { Scroll, useLoad } from '../components/common';
import { LoadStatus } from '../components/LoadStatus';

/** 公开页面: the published budget of a department — no sign-in, printable. */
export function PublicDisclosure({ department, year }: { department: string; year: string }) {
  const url = budgetUrl(department, year);
  const loaded = useLoad(async () => {
    const [budget, tables, disclosure] = await Promise.all([
      orNull(client.budget({ department, year }, { version: 'published' }, { anonymous: true })),
      orNull(client.tables({ department, year }, { version: 'published' }, { anonymous: true })),
      orNull(client.disclosure({ department, year }, { version: 'published' }, { anonymous: true })),
    ]);
    return budget && tables ? { budget, tables, disclosure } : null;
  }, [url]);
  const data = loaded.data;
  const name = data?.budget.content.department.name ?? `部门 ${department}`;

  return (
    <article className="disclosure">
      <h1>
        {name} {year}年部门预算公开
      </h1>
      <LoadStatus of={loaded} />
      {data === null && <p className="notice notice-info">该部门 {year} 年预算尚未公开。</p>}
      {data && (
        <>
          <p className="meta">
            公开版本 {data.tables.version}
            {data.budget.versions.find((v) => v.version === data.tables.version)?.publishedAt ? `，公开日期 ${data.budget.versions.find((v) => v.version === data.tables.version)?.publishedAt?.slice(0, 10)}` : ''}。单位：{data.tables.unit}。
            <button type="button" className="button button-small no-print" onClick={() => window.print()}>
              打印
            </button>{' '}
            <a className="button button-small no-print" href={`${url}/versions/${data.tables.version}/document.pdf`} download>
              下载 PDF
            </a>
          </p>
          {data.disclosure && (
            <section aria-labelledby="narrative-title">
              <h2 id="narrative-title">部门预算情况说明</h2>
              {data.disclosure.narrative.sections.map((section, i) => (
                <section key={i}>
                  <h3>{section.heading}</h3>
                  {section.paragraphs.map((p, j) => (
                    <p key={j}>{p}</p>
                  ))}
                </section>
              ))}
            </section>
          )}
          <section aria-labelledby="public-tables-title">
            <h2 id="public-tables-title">部门预算公开表</h2>
            <DisclosureTables tables={data.tables.tables} unit={data.tables.unit} all />
          </section>
          {data.disclosure && data.disclosure.performanceGoals.length > 0 && (
            <section aria-labelledby="goals-title">
              <h2 id="goals-title">项目绩效目标表</h2>
              {data.disclosure.performanceGoals.map((goal, i) => (
                <PerformanceGoal key={i} goal={goal} />
              ))}
            </section>
          )}
        </>
      )}
    </article>
  );
}

function PerformanceGoal({ goal }: { goal: PerformanceGoalTableView }) {
  const { rows, title } = goal;
  return (
    <section className="goal">
      <h3>{title}</h3>
      <Scroll label={`${title}（可横向滚动）`}>
        <table>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}
