import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Decimal } from '@budgetflow/budget-domain';
import { MonitoringReader } from '@budgetflow/execution-application';
import { type BehindPlanProject, plannedAmount, shanghaiDateText } from '@budgetflow/reminders-domain';
import type { ExecutionFigures, ProjectProgressFigures } from '@budgetflow/reminders-application';

/** An instant as the execution monitoring's "as of" date: the Shanghai day just before it ends (checkpoint ends at 00:00). */
const asOfDate = (asOf: Date): string => shanghaiDateText(new Date(asOf.getTime() - 1));

/**
 * Execution → reminders: the execution monitoring (`MonitoringReader` of `@budgetflow/execution-application`) behind
 * the reminders' `ExecutionFigures` port: figures as of a date, replayed from the payments read model. Needs
 * `ExecutionModule` in the same application (the reader is looked up across modules).
 */
@Injectable()
export class MonitoringExecutionFigures implements ExecutionFigures {
  constructor(private readonly modules: ModuleRef) {}

  private reader(): MonitoringReader {
    return this.modules.get(MonitoringReader, { strict: false });
  }

  async projectProgress(department: string, fiscalYear: number, projectCode: string, asOf: Date): Promise<ProjectProgressFigures | null> {
    const [monitoring] = await this.reader().departments(fiscalYear, asOfDate(asOf), department);
    const project = monitoring?.projects.find((p) => p.code === projectCode);
    if (!project) return null;
    return {
      approvedAmount: new Decimal(project.approved),
      executedAmount: new Decimal(project.executed),
      plannedPercent: project.plannedPercent,
      executedPercent: project.executedPercent,
      warningLevel: project.warning,
    };
  }

  async behindPlan(fiscalYear: number, asOf: Date): Promise<BehindPlanProject[]> {
    const departments = await this.reader().countyDepartments(fiscalYear, asOfDate(asOf));
    return departments.flatMap((monitoring) =>
      monitoring.projects
        .map((project) => ({
          department: monitoring.department,
          departmentName: monitoring.departmentName,
          projectCode: project.code,
          projectName: project.name,
          approvedAmount: new Decimal(project.approved),
          executedAmount: new Decimal(project.executed),
          plannedPercent: Number(project.plannedPercent),
          warningLevel: project.warning,
        }))
        .filter((project) => project.executedAmount.lessThan(plannedAmount(project.approvedAmount, project.plannedPercent))),
    );
  }
}
