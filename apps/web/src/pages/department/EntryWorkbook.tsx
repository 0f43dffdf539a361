import { useRef, useState } from 'react';
import type { BudgetImported, BudgetView } from '@budgetflow/contracts';
import { budgetUrl } from '../../api';
import { XLSX_CONTENT_TYPE, downloadFile, uploadFile } from '../../files';
import { Card } from '../../components/Card';
import { FileActionOutcome, FileField, useFileAction } from '../../components/FileAction';
import { isEditable } from './DepartmentPage';

/** What an uploaded workbook changed, in the clerk's words (the events the import appended). */
const CHANGE_NAMES: Record<string, string> = {
  DraftOpened: '建立草案',
  UnitsSet: '单位信息',
  DepartmentTextSet: '部门说明',
  IncomeDeclared: '收入登记或修改',
  IncomeRemoved: '收入删除',
  CarryOverSet: '结转结余',
  PriorYearSet: '上年数',
  BasicLineProposed: '基本支出新增',
  BasicLineRevised: '基本支出修改',
  BasicLineWithdrawn: '基本支出删除',
  ProjectProposed: '项目新增',
  ProjectAdjusted: '项目修改',
  ProjectScheduled: '项目分年安排',
  ProjectWithdrawn: '项目删除',
  ProcurementSet: '政府采购',
  FixedAssetsSet: '资产配置',
};

/** `BasicLineRevised, BasicLineRevised, ProjectAdjusted` → `基本支出修改 2 处；项目修改 1 处`. */
export const describeEvents = (eventCounts: Readonly<Record<string, number>>): string =>
  Object.entries(eventCounts)
    .map(([event, n]) => `${CHANGE_NAMES[event] ?? event} ${n} 处`)
    .join('；');

/**
 * 填报表（Excel）: the draft — or a blank workbook for a year without one — downloaded with the year's drop-downs,
 * and uploaded back. An upload is applied whole or not at all: a refusal lists every wrong cell by sheet, row,
 * column and header.
 */
export function EntryWorkbook({ department, year, budget, reload }: { department: string; year: string; budget: BudgetView | null; reload: () => Promise<void> }) {
  const url = budgetUrl(department, year);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  // A refusal's errors go in a table when they name cells of the workbook.
  const action = useFileAction((error) => error.sheet !== undefined);
  const { busy, run } = action;
  const mayUpload = !budget || isEditable(budget);

  const download = () => run(async () => `已下载 ${await downloadFile(`${url}/entry-workbook.xlsx`, `entry-${department}-${year}.xlsx`)}`);

  const upload = () =>
    run(async () => {
      if (!file) return undefined;
      const answer = await uploadFile<BudgetImported>(`${url}/entry-workbook`, file, XLSX_CONTENT_TYPE);
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
      await reload();
      return answer.imported ? `已导入 ${file.name}：${describeEvents(answer.eventCounts)}。草案版本 ${answer.version}。` : `${file.name} 与草案一致，没有变更（草案版本 ${answer.version}）。`;
    });

  return (
    <Card id="entry-workbook-title" title="填报表（Excel）">
      <p>
        {budget
          ? '下载本年度草案的填报表，在 Excel 中修改后上传；科目、资金来源等有下拉选项。'
          : '本年度尚无草案：可下载空白填报表（带部门信息和本年度科目下拉选项），填好后上传即建立草案。'}
        上传时与 JSON 导入同样校验：任何一格有误则全部不导入，并逐格列出错误。
      </p>
      <p>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void download()}>
          {budget ? '下载填报表（Excel）' : '下载空白填报表'}
        </button>
      </p>
      {mayUpload && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void upload();
          }}
        >
          <FileField
            label="填报表文件（.xlsx）"
            accept={`${XLSX_CONTENT_TYPE},.xlsx`}
            inputRef={fileInput}
            onFile={(chosen) => {
              setFile(chosen);
              action.clearDone();
            }}
          />
          <button type="submit" className="button" disabled={busy || !file}>
            上传填报表
          </button>
        </form>
      )}
      <FileActionOutcome action={action} caption="填报表中的错误（未导入任何内容）" />
    </Card>
  );
}
