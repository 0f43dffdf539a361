import type { Problem } from '@budgetflow/contracts';
import type { FileProblem } from '../files';
import { Scroll } from './common';

/** The message without the place it already names in its own columns (`基本支出 第 3 行 B 列（表头）：…`, `第 5 行 A 列：…`). */
const withoutPlace = (error: FileProblem): string => {
  const place = error.sheet !== undefined && error.row !== undefined ? `${error.sheet} 第 ${error.row} 行` : error.line ? `第 ${error.line} 行` : undefined;
  if (!place || !error.message.startsWith(place)) return error.message;
  const colon = error.message.indexOf('：');
  return colon >= 0 ? error.message.slice(colon + 1) : error.message;
};

/**
 * A refused file, every error in a table: 工作表 / 行 / 列 / 表头 / 说明 for a workbook, 行 / 列 / 说明 for a list
 * (`kind="list"`). The title says nothing was applied; the stable code stays in `data-problem-code`.
 */
export function FileProblemTable({ problem, errors, kind = 'workbook', caption }: { problem: Problem; errors: FileProblem[]; kind?: 'workbook' | 'list'; caption: string }) {
  return (
    <div className="notice notice-error" role="alert" data-problem-code={problem.code}>
      <p>
        <strong>{problem.title}</strong>
        {errors.length === 0 && problem.detail ? `：${problem.detail}` : errors.length > 1 ? `：共 ${errors.length} 处错误` : ''}
      </p>
      {errors.length > 0 && (
        <Scroll label={caption}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                {kind === 'workbook' && <th scope="col">工作表</th>}
                <th scope="col">行</th>
                <th scope="col">列</th>
                {kind === 'workbook' && <th scope="col">表头</th>}
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((error, i) => (
                <tr key={i}>
                  {kind === 'workbook' && <td>{error.sheet ?? '—'}</td>}
                  <td>{(kind === 'workbook' ? error.row : error.line) || '—'}</td>
                  <td>{error.column ?? '—'}</td>
                  {kind === 'workbook' && <td>{error.header || '—'}</td>}
                  <td>{withoutPlace(error)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </div>
  );
}
