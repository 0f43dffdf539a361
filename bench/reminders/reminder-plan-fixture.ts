/**
 * A fresh schema holding the reminder plan of `projects` projects (100 departments, four quarterly checkpoints
 * each) as the plan projection would after approving 100 budgets, written directly (the bench measures the
 * reminders, not the approvals), one webhook endpoint per department, and a local receiver counting the POSTs.
 */
import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PgSqlClient, PostgresEventStore, ProjectionRunner, runMigrations } from '@budgetflow/event-store';
import { REMINDER_PLAN, REMINDER_PLAN_REVISION, reminderPlanProjection } from '@budgetflow/reminders-application';

export const DEPARTMENTS = 100;
const QUARTERS: ReadonlyArray<[string, number, number]> = [['3月底', 3, 25], ['6月底', 6, 50], ['10月底', 10, 75], ['12月底', 12, 100]];

export interface ReminderPlanFixture {
  schema: string;
  sql: PgSqlClient;
  store: PostgresEventStore;
  runner: ProjectionRunner;
  fiscalYear: number;
  projects: number;
  /** Webhook POSTs the local receiver has answered. */
  received(): number;
  /** Writes the plan rows (every project, every checkpoint). */
  writePlan(): Promise<void>;
  /**
   * Moves the plan's revision, as a batch of the plan projection that rewrote plans does (the rows were written straight
   * in): a running planner notices within a second and reconciles.
   */
  announcePlan(): Promise<void>;
  close(): Promise<void>;
}

function startReceiver(): Promise<{ server: Server; url: string; received: () => number }> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received: () => received })),
  );
}

async function planTable(sql: PgSqlClient, runner: ProjectionRunner): Promise<string> {
  for (let i = 0; i < 100 && !(await sql.query(`SELECT 1 FROM projection_versions WHERE name = $1`, [REMINDER_PLAN])).rows.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return runner.activeTableName(REMINDER_PLAN, REMINDER_PLAN);
}

export async function reminderPlanFixture(databaseUrl: string, projectsWanted: number, fiscalYear: number): Promise<ReminderPlanFixture> {
  const perDepartment = Math.ceil(projectsWanted / DEPARTMENTS);
  const schema = `bench_rem_${randomBytes(4).toString('hex')}`;
  const sql = new PgSqlClient({ connectionString: databaseUrl, schema, max: 10, applicationName: 'bench:reminders' });
  await runMigrations(sql);
  const receiver = await startReceiver();
  const store = new PostgresEventStore(sql);
  const runner = new ProjectionRunner({ sql, store, projections: [reminderPlanProjection] });
  runner.start();
  const table = await planTable(sql, runner);
  for (let d = 0; d < DEPARTMENTS; d++) {
    await sql.query(`INSERT INTO webhook_endpoints (id, audience, url, secret, created_by) VALUES ($1, $2, $3, 'bench-secret-0123456789', 'bench')`, [
      `hook-${d}`,
      `department:D${d}`,
      `${receiver.url}/D${d}`,
    ]);
  }
  return {
    schema,
    sql,
    store,
    runner,
    fiscalYear,
    projects: DEPARTMENTS * perDepartment,
    received: receiver.received,
    writePlan: async () => {
      for (let d = 0; d < DEPARTMENTS; d++) {
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (let p = 0; p < perDepartment; p++) {
          for (const [checkpoint, month, percent] of QUARTERS) {
            const n = values.length;
            tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, 1)`);
            values.push(fiscalYear, `D${d}`, `P${d}-${p}`, `项目${d}-${p}`, checkpoint, month, percent);
          }
        }
        await sql.query(`INSERT INTO ${table} (fiscal_year, department, project_code, project_name, checkpoint, month, cumulative_percent, approved_version) VALUES ${tuples.join(', ')}`, values);
      }
    },
    announcePlan: async () => {
      const revisions = await runner.activeTableName(REMINDER_PLAN, REMINDER_PLAN_REVISION);
      await sql.query(`INSERT INTO ${revisions} AS r (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = r.revision + 1`);
    },
    close: async () => {
      await runner.stop();
      await store.close();
      receiver.server.closeAllConnections();
      receiver.server.close();
      await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await sql.close();
    },
  };
}
