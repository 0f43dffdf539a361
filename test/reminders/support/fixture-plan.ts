import { Decimal, parseCheckpointMonth } from '@budgetflow/budget-domain';
import type { PlannedProject } from '@budgetflow/reminders-domain';
import { DEPARTMENT, FISCAL_YEAR, loadBudgetFacts } from '../../support/guantao-fixture';

/** The fixture's projects with their spending plans and amounts in 元 (the document is in 万元). */
export const fixtureProjects = (): (PlannedProject & { amount: string })[] =>
  (loadBudgetFacts().projects as { code: string; name: string; amount: string; spendingPlan: { checkpoint: string; cumulativePercent: number }[] }[]).map((project) => ({
    department: DEPARTMENT,
    fiscalYear: FISCAL_YEAR,
    projectCode: project.code,
    projectName: project.name,
    amount: new Decimal(project.amount).times(10000).toFixed(2),
    spendingPlan: project.spendingPlan.map((c) => ({ checkpoint: c.checkpoint, month: parseCheckpointMonth(c.checkpoint)!, cumulativePercent: c.cumulativePercent })),
  }));

export const COMMUNITY_CENTRE = '13043324P00007510001B'; // 群众工作中心运维经费 4.00 万元
export const LAWYER = '13043324P000076100011'; // 律师陪访经费 7.80 万元
export const HARDSHIP_FUND = '13043324P00007810001C'; // 特殊疑难信访问题帮扶救助资金 300.00 万元
