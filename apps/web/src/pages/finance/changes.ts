import type { BudgetContentWire } from '@budgetflow/contracts';

/** The parts of a content a change is described against. */
export type ChangedContent = Pick<BudgetContentWire, 'income' | 'basicExpenditureLines' | 'projects'>;

/** A change event (from history, or inside an adjustment request) described as before → after for a reviewer. */
export interface DescribedChange {
  what: string;
  label: string;
  before?: string;
  after?: string;
  note?: string;
}

type Data = Record<string, unknown> & {
  source?: string;
  amount?: string;
  line?: { lineId: string; functionalCode: string; economicCode: string; amount: string };
  lineId?: string;
  project?: { code: string; name: string; amount: string };
  code?: string;
  changedFields?: string[];
};

export function describeChange(type: string, raw: unknown, content: ChangedContent | undefined): DescribedChange | null {
  const data = (raw ?? {}) as Data;
  switch (type) {
    case 'IncomeDeclared':
      return { what: '收入', label: data.source ?? '', before: content?.income.find((i) => i.source === data.source)?.amount, after: data.amount };
    case 'IncomeRemoved':
      return { what: '收入', label: data.source ?? '', before: content?.income.find((i) => i.source === data.source)?.amount, note: '删除' };
    case 'BasicLineProposed':
      return data.line ? { what: '基本支出', label: `${data.line.functionalCode}/${data.line.economicCode}`, after: data.line.amount, note: '新增' } : null;
    case 'BasicLineRevised': {
      if (!data.line) return null;
      const before = content?.basicExpenditureLines.find((l) => l.lineId === data.line?.lineId);
      return { what: '基本支出', label: `${data.line.functionalCode}/${data.line.economicCode}`, before: before?.amount, after: data.line.amount };
    }
    case 'BasicLineWithdrawn': {
      const before = content?.basicExpenditureLines.find((l) => l.lineId === data.lineId);
      return { what: '基本支出', label: before ? `${before.functionalCode}/${before.economicCode}` : (data.lineId ?? ''), before: before?.amount, note: '撤回' };
    }
    case 'ProjectProposed':
      return data.project ? { what: '项目', label: data.project.name, after: data.project.amount, note: '新增' } : null;
    case 'ProjectAdjusted': {
      if (!data.project) return null;
      const before = content?.projects.find((p) => p.code === data.project?.code);
      return { what: '项目', label: data.project.name, before: before?.amount, after: data.project.amount, note: data.changedFields?.length ? `修改：${data.changedFields.join('、')}` : undefined };
    }
    case 'ProjectWithdrawn': {
      const before = content?.projects.find((p) => p.code === data.code);
      return { what: '项目', label: before?.name ?? data.code ?? '', before: before?.amount, note: '撤回' };
    }
    default:
      return null;
  }
}
