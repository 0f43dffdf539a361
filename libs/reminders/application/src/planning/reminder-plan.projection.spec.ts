import { type ApprovedVersion, type BudgetContent, type Project, Decimal } from '@budgetflow/budget-domain';
import { checkpointsInForce } from './reminder-plan.projection';

const plan = [
  { checkpoint: '3月底', month: 3, cumulativePercent: 25 },
  { checkpoint: '6月底', month: 6, cumulativePercent: 50 },
  { checkpoint: '10月底', month: 10, cumulativePercent: 75 },
  { checkpoint: '12月底', month: 12, cumulativePercent: 100 },
];
const project = (code: string, spendingPlan = plan): Project => ({ code, name: code, spendingPlan, amount: new Decimal(1000) }) as unknown as Project;
const version = (n: number, effectiveFrom: string, projects: Project[]): ApprovedVersion => ({
  version: n,
  effectiveFrom,
  approvedAt: `${effectiveFrom}T02:00:00.000Z`,
  approvedBy: 'finance',
  published: false,
  content: { projects } as unknown as BudgetContent,
});

describe('reminder checkpoints follow the version in force on their date', () => {
  it('takes each checkpoint from the version in force at the end of its month', () => {
    // v2 (effective 15 May) adds N and gives A a faster plan; v3 (effective 1 August) withdraws B.
    const faster = plan.map((c) => ({ ...c, cumulativePercent: Math.min(100, c.cumulativePercent + 20) }));
    const versions = [
      version(1, '2024-01-01', [project('A'), project('B')]),
      version(2, '2024-05-15', [project('A', faster), project('B'), project('N')]),
      version(3, '2024-08-01', [project('A', faster), project('N')]),
    ];
    const rows = checkpointsInForce(versions, 2024).map((r) => [r.project.code, r.checkpoint.checkpoint, r.checkpoint.cumulativePercent, r.version]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['A', '3月底', 25, 1],
        ['A', '6月底', 70, 2],
        ['A', '10月底', 95, 3],
        ['B', '3月底', 25, 1],
        ['B', '6月底', 50, 2],
        ['N', '6月底', 50, 2],
        ['N', '12月底', 100, 3],
      ]),
    );
    expect(rows.filter(([code]) => code === 'B').map(([, checkpoint]) => checkpoint)).toEqual(['3月底', '6月底']);
    expect(rows.filter(([code]) => code === 'N').map(([, checkpoint]) => checkpoint)).toEqual(['6月底', '10月底', '12月底']);
    expect(rows).toHaveLength(4 + 2 + 3);
  });
});
