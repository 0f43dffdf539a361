import type { AdjustmentChangeSet } from '@budgetflow/budget-domain';
import type { RequestReader } from '@budgetflow/platform';
import { readBasicLine, readBasicLineRevision } from '../basic-lines/basic-line.request';
import { readIncomeEntry } from '../declare-income/declare-income.http';
import { readProjectChanges, readProjectProposal } from '../projects/project.request';

/** 调整事项: income changes, basic lines and projects added / changed / removed. */
export function readChangeSet(reader: RequestReader, newLineId: () => string): AdjustmentChangeSet {
  const changeSet: AdjustmentChangeSet = {};
  const income = reader.objects('income', { optional: true, max: 20 });
  if (income) changeSet.income = income.map(readIncomeEntry);
  const basic = reader.object('basicLines', { optional: true });
  if (basic) {
    const added = basic.objects('added', { optional: true, max: 2000 });
    const changed = basic.objects('changed', { optional: true, max: 2000 });
    const removed = basic.list('removed', { optional: true, max: 2000 });
    changeSet.basicLines = {
      ...(added ? { added: added.map((line) => ({ lineId: line.optionalText('lineId', 64) ?? newLineId(), ...readBasicLine(line) })) } : {}),
      ...(changed ? { changed: changed.map((line) => readBasicLineRevision(line, line.text('lineId', { max: 64 }))) } : {}),
      ...(removed ? { removed: removed.map(String) } : {}),
    };
  }
  const projects = reader.object('projects', { optional: true });
  if (projects) {
    const added = projects.objects('added', { optional: true, max: 500 });
    const changed = projects.objects('changed', { optional: true, max: 500 });
    const removed = projects.list('removed', { optional: true, max: 500 });
    changeSet.projects = {
      ...(added ? { added: added.map(readProjectProposal) } : {}),
      ...(changed ? { changed: changed.map((entry) => ({ code: entry.text('code', { max: 64 }), changes: readProjectChanges(entry.object('changes') ?? entry) })) } : {}),
      ...(removed ? { removed: removed.map(String) } : {}),
    };
  }
  return changeSet;
}
