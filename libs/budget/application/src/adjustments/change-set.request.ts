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
  const basicLines = readChanges(reader.object('basicLines', { optional: true }), 2000, {
    added: (line) => ({ lineId: line.optionalText('lineId', 64) ?? newLineId(), ...readBasicLine(line) }),
    changed: (line) => readBasicLineRevision(line, line.text('lineId', { max: 64 })),
  });
  if (basicLines) changeSet.basicLines = basicLines;
  const projects = readChanges(reader.object('projects', { optional: true }), 500, {
    added: readProjectProposal,
    changed: (entry) => ({ code: entry.text('code', { max: 64 }), changes: readProjectChanges(entry.object('changes') ?? entry) }),
  });
  if (projects) changeSet.projects = projects;
  return changeSet;
}

/** One group of changes (`{ added?, changed?, removed? }`, at most `max` of each), when it is sent. */
function readChanges<A, C>(group: RequestReader | undefined, max: number, read: { added: (entry: RequestReader) => A; changed: (entry: RequestReader) => C }) {
  if (!group) return undefined;
  const added = group.objects('added', { optional: true, max });
  const changed = group.objects('changed', { optional: true, max });
  const removed = group.list('removed', { optional: true, max });
  return {
    ...(added ? { added: added.map((entry) => read.added(entry)) } : {}),
    ...(changed ? { changed: changed.map((entry) => read.changed(entry)) } : {}),
    ...(removed ? { removed: removed.map(String) } : {}),
  };
}
