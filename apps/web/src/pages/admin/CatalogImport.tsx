import { useRef, useState } from 'react';
import type { CatalogView } from '@budgetflow/contracts';
import { DEFAULT_YEAR, api } from '../../api';
import { type FileProblem, contentTypeOf, downloadFile, uploadFile } from '../../files';
import { Card } from '../../components/Card';
import { Field, Loading, ProblemNotice, Scroll, useLoad } from '../../components/common';
import { Figures } from '../../components/forms';
import { FileActionOutcome, FileField, useFileAction } from '../../components/FileAction';
import { FileProblemTable } from '../../components/FileProblemTable';

/** One code of the preview, as `POST /v1/catalogs/{year}/import` answers it. */
interface CatalogChangeItem {
  scheme: 'functional' | 'economic';
  code: string;
  name: string;
  level: string;
  /** The name in force before a rename. */
  before?: string;
  line?: number;
}

interface ImportCounts {
  added: number;
  renamed: number;
  retired: number;
  unchanged: number;
  errors: number;
}

interface CatalogPreview {
  fiscalYear: number;
  preview: true;
  version: number;
  counts: ImportCounts;
  added: CatalogChangeItem[];
  renamed: CatalogChangeItem[];
  retired: CatalogChangeItem[];
  unchanged: CatalogChangeItem[];
  errors: FileProblem[];
}

interface CatalogLoaded {
  fiscalYear: number;
  preview: false;
  changed: boolean;
  version: number;
  counts: ImportCounts;
}

const SCHEME_NAMES: Record<CatalogChangeItem['scheme'], string> = { functional: '支出功能分类', economic: '部门预算支出经济分类' };
const KINDS: Array<[string, string]> = [
  ['', '按“分类”列或编码首位判断'],
  ['functional', '支出功能分类'],
  ['economic', '部门预算支出经济分类'],
];

/** One list of the preview (新增, 更名, 停用, 未变) as a table; long lists start folded. */
function ChangeList({ title, items, open, renamed }: { title: string; items: CatalogChangeItem[]; open: boolean; renamed?: boolean }) {
  return (
    <details open={open && items.length > 0} className="change-list">
      <summary>
        {title}（{items.length}）
      </summary>
      {items.length === 0 ? (
        <p>无。</p>
      ) : (
        <Scroll label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">分类</th>
                <th scope="col">编码</th>
                <th scope="col">名称</th>
                {renamed && <th scope="col">原名称</th>}
                <th scope="col">级次</th>
                <th scope="col">文件行</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${item.scheme}-${item.code}`}>
                  <td>{SCHEME_NAMES[item.scheme]}</td>
                  <th scope="row">{item.code}</th>
                  <td>{item.name}</td>
                  {renamed && <td>{item.before ?? ''}</td>}
                  <td>{item.level}</td>
                  <td>{item.line ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </details>
  );
}

/**
 * 分类目录导入 — the administrator loads the year's 政府收支分类科目 from the list finance holds (CSV or XLSX): a
 * preview first (added, renamed, retired, unchanged, every bad row by its file line), then the load, guarded by the
 * catalog version the preview was made against. The year's catalog exports as CSV and XLSX (the form the import reads).
 */
export function CatalogImport() {
  const [year, setYear] = useState(String(DEFAULT_YEAR));
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<CatalogPreview>();
  // A refusal's errors go in a table when they name lines of the list.
  const action = useFileAction((error) => error.line !== undefined);
  const { busy, run } = action;
  const validYear = /^\d{4}$/.test(year);
  const catalog = useLoad(async () => (validYear ? api<CatalogView>('GET', `/v1/catalogs/${year}`) : undefined), [year]);

  const importUrl = (previewOnly: boolean) => {
    const query = new URLSearchParams();
    if (previewOnly) query.set('preview', '1');
    if (kind) query.set('kind', kind);
    const search = query.toString();
    return `/v1/catalogs/${encodeURIComponent(year)}/import${search ? `?${search}` : ''}`;
  };
  /** Anything chosen anew makes the preview stale. */
  const reset = () => {
    setPreview(undefined);
    action.clear();
  };

  const previewFile = () =>
    run(async () => {
      if (!file) return undefined;
      setPreview(await uploadFile<CatalogPreview>(importUrl(true), file, contentTypeOf(file)));
      return undefined;
    });
  const apply = () =>
    run(async () => {
      if (!file || !preview) return undefined;
      const loaded = await uploadFile<CatalogLoaded>(importUrl(false), file, contentTypeOf(file), { ifMatch: preview.version });
      setPreview(undefined);
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
      await catalog.reload();
      const { added, renamed, retired } = loaded.counts;
      return loaded.changed ? `已载入 ${loaded.fiscalYear} 年分类科目：新增 ${added}，更名 ${renamed}，停用 ${retired}。目录版本 ${loaded.version}。` : `目录已与文件一致，没有变更（目录版本 ${loaded.version}）。`;
    });
  const exportAs = (extension: 'csv' | 'xlsx') => run(async () => `已下载 ${await downloadFile(`/v1/catalogs/${encodeURIComponent(year)}.${extension}`, `catalog-${year}.${extension}`)}`);

  return (
    <>
      <h1>分类目录导入</h1>
      <Card id="catalog-file-title" title="载入科目清单">
        <p>选择财政局提供的科目清单（CSV 或 XLSX，含“编码”“名称”两列，可有“分类”“单位”列）。先预览将新增、更名、停用的科目和有误的行，确认后再载入。</p>
        <form
          className="form-grid"
          onSubmit={(event) => {
            event.preventDefault();
            void previewFile();
          }}
        >
          <Field label="预算年度">
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                value={year}
                onChange={(e) => {
                  setYear(e.target.value.trim());
                  reset();
                }}
              />
            )}
          </Field>
          <Field label="科目分类">
            {(props) => (
              <select
                {...props}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value);
                  reset();
                }}
              >
                {KINDS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FileField
            label="科目清单文件（CSV 或 XLSX）"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            inputRef={fileInput}
            onFile={(chosen) => {
              setFile(chosen);
              reset();
            }}
          />
          <button type="submit" className="button" disabled={busy || !file || !validYear}>
            预览
          </button>
        </form>
        <FileActionOutcome action={action} kind="list" caption="科目清单中的错误（未载入任何科目）" />
      </Card>

      {preview && (
        <Card id="catalog-preview-title" title={`预览：${preview.fiscalYear} 年分类科目（尚未载入）`}>
          <Figures
            items={[
              { label: '新增', value: String(preview.counts.added) },
              { label: '更名', value: String(preview.counts.renamed) },
              { label: '停用', value: String(preview.counts.retired) },
              { label: '未变', value: String(preview.counts.unchanged) },
              { label: '有误的行', value: String(preview.counts.errors), className: preview.counts.errors > 0 ? 'bad' : 'ok' },
            ]}
          />
          {preview.errors.length > 0 && (
            <FileProblemTable problem={{ status: 400, code: 'CATALOG_ENTRY_INVALID', title: '以下行有误，改正后才能载入' }} errors={preview.errors} kind="list" caption="有误的行" />
          )}
          <ChangeList title="新增" items={preview.added} open />
          <ChangeList title="更名" items={preview.renamed} open renamed />
          <ChangeList title="停用" items={preview.retired} open />
          <ChangeList title="未变" items={preview.unchanged} open={false} />
          <p>
            {preview.counts.errors > 0
              ? '文件有误的行时不能载入。'
              : preview.counts.added + preview.counts.renamed + preview.counts.retired === 0
                ? '文件与目录一致，载入不会有变更。'
                : `确认后按上述变更载入（基于目录版本 ${preview.version}；期间目录若被他人修改，将拒绝载入，请重新预览）。`}
          </p>
          <button type="button" className="button" disabled={busy || preview.counts.errors > 0} onClick={() => void apply()}>
            确认载入
          </button>{' '}
          <button type="button" className="button button-secondary" disabled={busy} onClick={reset}>
            取消
          </button>
        </Card>
      )}

      <Card id="catalog-export-title" title="导出本年度分类科目">
        <Loading loading={catalog.loading} />
        <ProblemNotice problem={catalog.problem} />
        {catalog.data && (
          <p>
            {catalog.data.fiscalYear} 年：支出功能分类 {catalog.data.functional.length} 条，部门预算支出经济分类 {catalog.data.economic.length} 条。
          </p>
        )}
        <button type="button" className="button button-secondary" disabled={busy || !validYear} onClick={() => void exportAs('csv')}>
          导出 CSV
        </button>{' '}
        <button type="button" className="button button-secondary" disabled={busy || !validYear} onClick={() => void exportAs('xlsx')}>
          导出 XLSX
        </button>
      </Card>
    </>
  );
}
