/**
 * The authorization matrix as data: every route the app serves × every kind of caller → allowed, or the exact
 * refusal (status + problem code). `authorization-matrix.spec.ts` walks all of it against the app with the
 * 馆陶县信访局 fixture (department 501, fiscal year 2024) imported, approved and published as version 1; the
 * route list comes from the running app, so a route without an entry here fails that test.
 *
 * Adding a route: add one entry keyed `METHOD /fastify/url/:pattern` with a realistic request (valid in shape:
 * a body the route can read, because a malformed body is refused with 400 before any authorization decision)
 * and one expectation per caller. `command: true` also puts it under the fuzz suite (`command-fuzz.spec.ts`).
 */

/** Who calls: a clerk of department 501 (the budget's own), a clerk of 502, the finance bureau, a supervisor, an admin, nobody. */
import { parseBudgetFacts } from '@budgetflow/budget-domain';
import { parseStarterCatalogCsv, writeEntryWorkbook } from '@budgetflow/budget-application';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBudgetFacts } from '../support/guantao-fixture';

export const CALLERS = ['departmentOwn', 'departmentOther', 'finance', 'supervisor', 'admin', 'anonymous'] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * - `ok`: answered 2xx.
 * - `allowed`: not refused for who the caller is — 2xx, or a 4xx that is not 401/403 (the budget's state, a missing
 *   line …): the caller got past authorization. A 4xx must still append nothing.
 * - `{ status, code }`: exactly this refusal, as problem+json, appending nothing.
 */
export type Expectation = 'ok' | 'allowed' | { status: number; code: string };

export interface MatrixRequest {
  /** Concrete path (with query) for the fixture budget. */
  url: string;
  /** The JSON body, or a function making a fresh one. */
  body?: unknown;
  /** A file body instead (an XLSX or CSV upload), sent with `headers`' content-type. */
  payload?: () => Promise<Buffer>;
  headers?: Record<string, string>;
}

export const bodyOf = (request: MatrixRequest): unknown => (typeof request.body === 'function' ? (request.body as () => unknown)() : request.body);

export interface MatrixEntry {
  request: MatrixRequest;
  access: Record<Caller, Expectation>;
  /** A write the fuzz suite hammers with hostile bodies and path parameters. */
  command?: boolean;
  /** A budget read that anyone may make for published versions: `?version=draft` must stay private. */
  publicBudgetRead?: boolean;
}

export const DEPARTMENT = '501';
export const OTHER_DEPARTMENT = '502';
export const YEAR = 2024;
const B = `/v1/budgets/${DEPARTMENT}/${YEAR}`;
/** 律师陪访经费, a project of the fixture. */
export const LAWYER_PROJECT = '13043324P000076100011';
export const BASIC_LINE = 'basic-6';
export const GENERAL_BUDGET_INCOME = '一般公共预算拨款收入';

const refused = (status: number, code: string): Expectation => ({ status, code });
const UNAUTHENTICATED = refused(401, 'UNAUTHENTICATED');
const FORBIDDEN = refused(403, 'FORBIDDEN');
const FORBIDDEN_ROLE = refused(403, 'FORBIDDEN_ROLE');
const OTHER_DEPARTMENT_REFUSED = refused(403, 'OTHER_DEPARTMENT');
/** Another department's unpublished budget is concealed: it does not exist for them. */
const CONCEALED = refused(404, 'NOT_FOUND');

/** A write under the fuzz suite: `access` for each caller, its `url` and JSON body. */
const command = (access: Record<Caller, Expectation>, url: string, body?: unknown): MatrixEntry => ({ request: body === undefined ? { url } : { url, body }, access, command: true });

const everyone = (expectation: Expectation): Record<Caller, Expectation> => Object.fromEntries(CALLERS.map((caller) => [caller, expectation])) as Record<Caller, Expectation>;

/** Public pages and budget reads of published versions. */
const PUBLIC = everyone('ok');
/** Anyone signed in. */
const SIGNED_IN: Record<Caller, Expectation> = { ...everyone('ok'), anonymous: UNAUTHENTICATED };
/** Draft content: the department itself, or an admin migrating a budget in (`adminMayImport` in the domain). */
const DRAFT_WRITE: Record<Caller, Expectation> = {
  departmentOwn: 'allowed',
  departmentOther: OTHER_DEPARTMENT_REFUSED,
  finance: FORBIDDEN_ROLE,
  supervisor: FORBIDDEN_ROLE,
  admin: 'allowed',
  anonymous: UNAUTHENTICATED,
};
/** Submitting and requesting adjustments: the department itself only. */
const DEPARTMENT_ONLY: Record<Caller, Expectation> = { ...DRAFT_WRITE, admin: FORBIDDEN_ROLE };
/** Control numbers, return, approve, publish, deciding adjustments: the finance bureau only. */
const FINANCE_ONLY: Record<Caller, Expectation> = {
  departmentOwn: FORBIDDEN_ROLE,
  departmentOther: FORBIDDEN_ROLE,
  finance: 'allowed',
  supervisor: FORBIDDEN_ROLE,
  admin: FORBIDDEN_ROLE,
  anonymous: UNAUTHENTICATED,
};
/** History and other unpublished reads: insiders; another department learns nothing (404). */
const INSIDERS: Record<Caller, Expectation> = { ...SIGNED_IN, departmentOther: CONCEALED };
/** Round diffs and exports: insiders, who may get 404 ROUND_NOT_REACHED (a year of one round); another department a 404 NOT_FOUND. */
const ROUND_READERS: Record<Caller, Expectation> = { departmentOwn: 'allowed', departmentOther: CONCEALED, finance: 'allowed', supervisor: 'allowed', admin: 'allowed', anonymous: UNAUTHENTICATED };
/** The county overview: not for departments. */
const OVERSIGHT: Record<Caller, Expectation> = { ...SIGNED_IN, departmentOwn: FORBIDDEN, departmentOther: FORBIDDEN };
/** The audit: admins and supervisors only. */
const AUDITORS: Record<Caller, Expectation> = { ...OVERSIGHT, finance: FORBIDDEN };

/** Local accounts: administrators only. */
const ADMIN_ACCOUNTS: Record<Caller, Expectation> = { ...everyone(refused(403, 'ADMIN_ONLY')), admin: 'ok', anonymous: UNAUTHENTICATED };

const EXECUTION = `/v1/execution/${DEPARTMENT}/${YEAR}`;
/** Registering execution (payments, indicator progress): the department itself only, refused before the body is read. */
const EXECUTION_WRITE: Record<Caller, Expectation> = {
  departmentOwn: 'allowed',
  departmentOther: refused(403, 'EXECUTION_OTHER_DEPARTMENT'),
  finance: refused(403, 'EXECUTION_FORBIDDEN_ROLE'),
  supervisor: refused(403, 'EXECUTION_FORBIDDEN_ROLE'),
  admin: refused(403, 'EXECUTION_FORBIDDEN_ROLE'),
  anonymous: UNAUTHENTICATED,
};
/** A department's execution: itself and the county (finance, supervisors, admins); another department is refused. */
const EXECUTION_READ: Record<Caller, Expectation> = { ...SIGNED_IN, departmentOther: FORBIDDEN };
/** Reminder contacts of department 501's audience: 501 itself, finance and admins manage them. */
const AUDIENCE_501_MANAGERS: Record<Caller, Expectation> = {
  departmentOwn: 'allowed',
  departmentOther: FORBIDDEN,
  finance: 'allowed',
  supervisor: FORBIDDEN,
  admin: 'allowed',
  anonymous: UNAUTHENTICATED,
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STARTER_CATALOG = () => parseStarterCatalogCsv(readFileSync(join(__dirname, '../../catalog/classification-2024-observed.csv'), 'utf8'));
/** The fixture budget as its entry workbook (what the department downloads and uploads back). */
const fixtureWorkbook = async (): Promise<Buffer> => {
  const parsed = parseBudgetFacts(loadBudgetFacts());
  if (!parsed.ok) throw new Error('fixture does not parse');
  const { content } = parsed.document;
  return writeEntryWorkbook({ fiscalYear: YEAR, department: content.department, units: [], content, catalog: STARTER_CATALOG() });
};

const basicLine = { functionalCode: '2014001', economicCode: '30199', fundSource: '一般公共预算拨款', amount: '1000.00' };

export const AUTHORIZATION_MATRIX: Record<string, MatrixEntry> = {
  // Service and documentation.
  'GET /health': { request: { url: '/health' }, access: PUBLIC },
  'GET /docs': { request: { url: '/docs' }, access: PUBLIC },
  'GET /docs/': { request: { url: '/docs/' }, access: PUBLIC },
  'GET /docs/*': { request: { url: '/docs/swagger-ui.css' }, access: PUBLIC },
  'GET /docs/index.html': { request: { url: '/docs/index.html' }, access: PUBLIC },
  // Swagger registers this route but its static handler answers 404 here: the same for everyone, never a 401/403.
  'GET /docs/LICENSE': { request: { url: '/docs/LICENSE' }, access: everyone(refused(404, 'ROUTE_NOT_FOUND')) },
  'GET /docs/swagger-ui-init.js': { request: { url: '/docs/swagger-ui-init.js' }, access: PUBLIC },
  'GET /docs/docs/swagger-ui-init.js': { request: { url: '/docs/docs/swagger-ui-init.js' }, access: PUBLIC },
  'GET /docs/openapi.json': { request: { url: '/docs/openapi.json' }, access: PUBLIC },
  'GET /docs-yaml': { request: { url: '/docs-yaml' }, access: PUBLIC },

  // The web console (static pages and its hashed assets; `/**` entries cover every route under the prefix).
  'GET /': { request: { url: '/' }, access: PUBLIC },
  'GET /*': { request: { url: '/county/501', headers: { accept: 'text/html' } }, access: PUBLIC },
  'GET /index.html': { request: { url: '/index.html' }, access: PUBLIC },
  'GET /assets/**': { request: { url: '' }, access: PUBLIC },

  // Demo sign-in of the embedded default (absent when AUTH_ISSUER is set): anyone may pick a non-admin demo user.
  'GET /v1/dev/demo-users': { request: { url: '/v1/dev/demo-users' }, access: PUBLIC },
  'POST /v1/dev/demo-token': { request: { url: '/v1/dev/demo-token', body: { role: 'supervisor' } }, access: PUBLIC },

  // Local accounts (absent when AUTH_ISSUER is set): sign-in is open to anyone, user management to admins only.
  // The matrix calls with bearer tokens; cookie sessions and CSRF are walked in test/accounts/.
  'GET /v1/auth/methods': { request: { url: '/v1/auth/methods' }, access: PUBLIC },
  // Anyone may try to sign in: the decision is the credentials' (an unknown login fails like a wrong password).
  'POST /v1/auth/login': { request: { url: '/v1/auth/login', body: { login: 'matrix-nobody', password: 'not-the-password' } }, access: everyone(refused(401, 'SIGN_IN_FAILED')) },
  'POST /v1/auth/logout': { request: { url: '/v1/auth/logout' }, access: PUBLIC },
  'GET /v1/auth/me': { request: { url: '/v1/auth/me' }, access: SIGNED_IN },
  'POST /v1/auth/password': {
    request: { url: '/v1/auth/password', body: { currentPassword: 'matrix-current-1', newPassword: 'matrix-new-password-1' } },
    access: { ...everyone(refused(403, 'SESSION_REQUIRED')), anonymous: UNAUTHENTICATED },
  },
  'GET /v1/users': { request: { url: '/v1/users' }, access: ADMIN_ACCOUNTS },
  'POST /v1/users': {
    request: { url: '/v1/users', body: () => ({ login: `m-${Math.random().toString(36).slice(2, 10)}`, displayName: '矩阵测试', role: 'department', department: DEPARTMENT }) },
    access: ADMIN_ACCOUNTS,
  },
  // The first-start administrator `admin` exists in every app without AUTH_ISSUER; disabling the only admin is refused (409).
  'POST /v1/users/:login/password-reset': { request: { url: '/v1/users/admin/password-reset' }, access: ADMIN_ACCOUNTS },
  'POST /v1/users/:login/disable': { request: { url: '/v1/users/admin/disable' }, access: { ...ADMIN_ACCOUNTS, admin: 'allowed' } },
  'POST /v1/users/:login/enable': { request: { url: '/v1/users/admin/enable' }, access: ADMIN_ACCOUNTS },

  // Catalog: admins load, everyone signed in reads.
  'GET /v1/catalogs/:year': { request: { url: `/v1/catalogs/${YEAR}` }, access: SIGNED_IN },
  'PUT /v1/catalogs/:year': {
    request: { url: `/v1/catalogs/${YEAR}`, body: { functional: [{ code: '2014001', name: '行政运行' }], economic: [] } },
    access: { ...SIGNED_IN, departmentOwn: FORBIDDEN, departmentOther: FORBIDDEN, finance: FORBIDDEN, supervisor: FORBIDDEN, admin: 'ok' },
    command: true,
  },

  // The catalog from finance's file (admins load, previews too) and the catalog as a file (everyone signed in).
  'POST /v1/catalogs/:year/import': {
    request: { url: `/v1/catalogs/${YEAR}/import?preview=1`, payload: async () => Buffer.from('编码,名称\r\n2010801,行政运行\r\n'), headers: { 'content-type': 'text/csv' } },
    access: { ...SIGNED_IN, departmentOwn: FORBIDDEN, departmentOther: FORBIDDEN, finance: FORBIDDEN, supervisor: FORBIDDEN, admin: 'ok' },
  },
  'GET /v1/catalogs/:year.csv': { request: { url: `/v1/catalogs/${YEAR}.csv` }, access: SIGNED_IN },
  'GET /v1/catalogs/:year.xlsx': { request: { url: `/v1/catalogs/${YEAR}.xlsx` }, access: SIGNED_IN },

  // How the year's disclosure prints amounts (尾差调整 or each cell rounded on its own): finance sets, insiders read.
  'GET /v1/budget-settings/:year': { request: { url: `/v1/budget-settings/${YEAR}` }, access: SIGNED_IN },
  'PUT /v1/budget-settings/:year': command(FINANCE_ONLY, `/v1/budget-settings/${YEAR}`, { projectsFromLibrary: false }),

  // 项目库: departments propose and withdraw their own; finance reviews; the list shows a department its own only.
  'GET /v1/project-library': { request: { url: '/v1/project-library' }, access: SIGNED_IN },
  'GET /v1/project-library/:department/:code': {
    request: { url: `/v1/project-library/${DEPARTMENT}/LIB-2024-001` },
    access: { ...INSIDERS, departmentOwn: 'allowed', finance: 'allowed', supervisor: 'allowed', admin: 'allowed' },
  },
  'POST /v1/project-library/:department': {
    request: {
      url: `/v1/project-library/${DEPARTMENT}`,
      body: { code: 'LIB-2024-001', name: '信访信息系统升级', functionalCode: '2014004', totalAmount: '500000.00', startYear: 2024, endYear: 2025, purpose: '升级系统' },
    },
    access: DEPARTMENT_ONLY,
    command: true,
  },
  'POST /v1/project-library/:department/:code/return': command(FINANCE_ONLY, `/v1/project-library/${DEPARTMENT}/LIB-2024-001/return`, { reason: '请补充绩效指标' }),
  'POST /v1/project-library/:department/:code/approve': command(FINANCE_ONLY, `/v1/project-library/${DEPARTMENT}/LIB-2024-001/approve`),
  // A library review step (项目库审核环节): finance records it in the review office's name.
  'POST /v1/project-library/:department/:code/review-steps': command(FINANCE_ONLY, `/v1/project-library/${DEPARTMENT}/LIB-2024-001/review-steps`, { step: '评审中心', note: '评审通过' }),
  'POST /v1/project-library/:department/:code/reject': command(FINANCE_ONLY, `/v1/project-library/${DEPARTMENT}/LIB-2024-001/reject`, { reason: '不符合支持方向' }),
  'POST /v1/project-library/:department/:code/withdraw': command(DEPARTMENT_ONLY, `/v1/project-library/${DEPARTMENT}/LIB-2024-001/withdraw`),
  'POST /v1/budgets/:department/:year/review-steps': command(FINANCE_ONLY, `${B}/review-steps`, { step: '预算股', note: '已审' }),
  'POST /v1/budgets/:department/:year/projects/from-library': command(DRAFT_WRITE, `${B}/projects/from-library`, { code: 'LIB-2024-001' }),

  'GET /v1/disclosure-settings/:year': { request: { url: `/v1/disclosure-settings/${YEAR}` }, access: SIGNED_IN },
  'PUT /v1/disclosure-settings/:year': command(FINANCE_ONLY, `/v1/disclosure-settings/${YEAR}`, { rounding: 'each-cell' }),

  // Audit and the county overview.
  'GET /v1/audit': { request: { url: `/v1/audit?department=${DEPARTMENT}&limit=5` }, access: AUDITORS },
  'GET /v1/budgets': { request: { url: `/v1/budgets?year=${YEAR}` }, access: OVERSIGHT },
  'GET /v1/review-queue': { request: { url: `/v1/review-queue?year=${YEAR}` }, access: OVERSIGHT },

  // Reading a budget: published versions are public by law; drafts and history never.
  'GET /v1/budgets/:department/:year': { request: { url: B }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/tables': { request: { url: `${B}/tables` }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/tables/:tableId': { request: { url: `${B}/tables/T1` }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/disclosure': { request: { url: `${B}/disclosure` }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/consistency': { request: { url: `${B}/consistency` }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/tables.xlsx': { request: { url: `${B}/tables.xlsx` }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/disclosure.html': { request: { url: `${B}/disclosure.html` }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/disclosure.pdf': { request: { url: `${B}/disclosure.pdf` }, access: PUBLIC, publicBudgetRead: true },
  'GET /v1/budgets/:department/:year/versions/:version/document.pdf': { request: { url: `${B}/versions/1/document.pdf` }, access: PUBLIC },
  'GET /v1/budgets/:department/:year/datapackage': { request: { url: `${B}/datapackage` }, access: PUBLIC },
  'GET /v1/county/:year/functional-classes': { request: { url: `/v1/county/${YEAR}/functional-classes` }, access: OVERSIGHT },
  'GET /v1/budgets/:department/:year/diff': { request: { url: `${B}/diff?from=1&to=1` }, access: PUBLIC },
  'GET /v1/budgets/:department/:year/history': { request: { url: `${B}/history` }, access: INSIDERS },
  'GET /v1/budgets/:department/:year/rounds': { request: { url: `${B}/rounds` }, access: INSIDERS },
  // A round's diff and export: insiders (the fixture year has one round: ROUND_NOT_REACHED, 404, for them); another department learns nothing.
  'GET /v1/budgets/:department/:year/rounds/diff': { request: { url: `${B}/rounds/diff?from=${encodeURIComponent('一上')}&to=${encodeURIComponent('二上')}` }, access: ROUND_READERS },
  'GET /v1/budgets/:department/:year/rounds/:round.csv': { request: { url: `${B}/rounds/${encodeURIComponent('一上')}.csv` }, access: ROUND_READERS },
  'GET /v1/budgets/:department/:year/rounds/:round.xlsx': { request: { url: `${B}/rounds/${encodeURIComponent('二下')}.xlsx` }, access: ROUND_READERS },

  // Drafting (编制).
  'POST /v1/budgets/:department/:year': command(DRAFT_WRITE, B, { name: '馆陶县信访局', unitKind: '行政' }),
  'POST /v1/budgets/:department/:year/import': command(DRAFT_WRITE, `${B}/import`, loadBudgetFacts),
  // The entry workbook: insiders download the draft; the department (or an admin migrating) uploads it back.
  'GET /v1/budgets/:department/:year/entry-workbook.xlsx': { request: { url: `${B}/entry-workbook.xlsx` }, access: INSIDERS },
  'POST /v1/budgets/:department/:year/entry-workbook': {
    request: { url: `${B}/entry-workbook`, payload: fixtureWorkbook, headers: { 'content-type': XLSX } },
    access: DRAFT_WRITE,
  },
  'POST /v1/budgets/:department/:year/income': command(DRAFT_WRITE, `${B}/income`, { source: GENERAL_BUDGET_INCOME, amount: '6542400.00' }),
  'PUT /v1/budgets/:department/:year/carry-over': command(DRAFT_WRITE, `${B}/carry-over`, { fromLastYear: '0.00', toNextYear: '0.00' }),
  'POST /v1/budgets/:department/:year/basic-lines': command(DRAFT_WRITE, `${B}/basic-lines`, basicLine),
  'PATCH /v1/budgets/:department/:year/basic-lines/:lineId': command(DRAFT_WRITE, `${B}/basic-lines/${BASIC_LINE}`, { amount: '6100.00' }),
  'DELETE /v1/budgets/:department/:year/basic-lines/:lineId': command(DRAFT_WRITE, `${B}/basic-lines/${BASIC_LINE}`),
  'POST /v1/budgets/:department/:year/projects': {
    request: {
      url: `${B}/projects`,
      body: {
        code: '13043324P999999900001',
        name: '信访宣传经费',
        functionalCode: '2014004',
        fundSource: '一般公共预算拨款',
        amount: '10000.00',
        spendingPlan: [{ checkpoint: '12', cumulativePercent: 100 }],
        indicators: [{ level1: '产出指标', level2: '数量指标', name: '宣传场次', target: '4 次' }],
      },
    },
    access: DRAFT_WRITE,
    command: true,
  },
  'PATCH /v1/budgets/:department/:year/projects/:code': command(DRAFT_WRITE, `${B}/projects/${LAWYER_PROJECT}`, { purpose: '用于律师参与接访、陪访。' }),
  'DELETE /v1/budgets/:department/:year/projects/:code': command(DRAFT_WRITE, `${B}/projects/${LAWYER_PROJECT}`),

  // Submission and review (报送、审核、批复、公开).
  'POST /v1/budgets/:department/:year/submit': command(DEPARTMENT_ONLY, `${B}/submit`),
  'POST /v1/budgets/:department/:year/return': command(FINANCE_ONLY, `${B}/return`, { reason: '请核对项目成本指标' }),
  'POST /v1/budgets/:department/:year/approve': command(FINANCE_ONLY, `${B}/approve`),
  'POST /v1/budgets/:department/:year/versions/:version/publish': command(FINANCE_ONLY, `${B}/versions/1/publish`),
  'PUT /v1/budgets/:department/:year/control-numbers': command(FINANCE_ONLY, `${B}/control-numbers`, { total: '7000000.00' }),

  // Adjustments (调整).
  'POST /v1/budgets/:department/:year/adjustments': {
    request: { url: `${B}/adjustments`, body: {
        reason: '追加律师陪访经费',
        // Balanced, so the request reaches the decision (income and the project grow by the same 2 万元).
        changeSet: { income: [{ source: GENERAL_BUDGET_INCOME, amount: '6562400.00' }], projects: { changed: [{ code: LAWYER_PROJECT, changes: { amount: '98000.00', fiscalFunds: '98000.00' } }] } },
      },
    },
    access: DEPARTMENT_ONLY,
    command: true,
  },
  'POST /v1/budgets/:department/:year/adjustments/:adjustmentId/approve': command(FINANCE_ONLY, `${B}/adjustments/adj-none/approve`),
  'POST /v1/budgets/:department/:year/adjustments/:adjustmentId/reject': command(FINANCE_ONLY, `${B}/adjustments/adj-none/reject`, { reason: '不符合调整条件' }),

  // Year-end (年终结账, 决算). The close asks for more than the project's unspent, so finance gets past authorization
  // (422) without closing the year the other entries still write into.
  'POST /v1/budgets/:department/:year/close': command(FINANCE_ONLY, `${B}/close`, { carryOver: [{ projectCode: LAWYER_PROJECT, amount: '999999999.00' }] }),
  'GET /v1/budgets/:department/:year/final-accounts': { request: { url: `${B}/final-accounts?provisional=true` }, access: EXECUTION_READ },
  'GET /v1/budgets/:department/:year/final-accounts.xlsx': { request: { url: `${B}/final-accounts.xlsx?provisional=true` }, access: EXECUTION_READ },
  'GET /v1/budgets/:department/:year/final-accounts.csv': { request: { url: `${B}/final-accounts.csv?provisional=true` }, access: EXECUTION_READ },
  'GET /v1/budgets/:department/:year/final-accounts.html': { request: { url: `${B}/final-accounts.html?provisional=true` }, access: EXECUTION_READ },
  'GET /v1/final-accounts/:year': { request: { url: `/v1/final-accounts/${YEAR}` }, access: OVERSIGHT },

  // Execution (执行): payments, indicator progress, monitoring, settings.
  'POST /v1/execution/:department/:year/payments': command(EXECUTION_WRITE, `${EXECUTION}/payments`, { voucher: 'V-2024-0001', date: '2024-03-15', projectCode: LAWYER_PROJECT, amount: '1000.00', payee: '馆陶县某律师事务所' }),
  'POST /v1/execution/:department/:year/payments/bulk': command(EXECUTION_WRITE, `${EXECUTION}/payments/bulk`, [{ voucher: 'V-2024-0002', date: '2024-03-16', projectCode: LAWYER_PROJECT, amount: '500.00', payee: '馆陶县某律师事务所' }]),
  'POST /v1/execution/:department/:year/payments/:voucher/reverse': command(EXECUTION_WRITE, `${EXECUTION}/payments/V-2024-0001/reverse`, { reason: '凭证录入错误', date: '2024-03-20' }),
  'POST /v1/execution/:department/:year/indicator-progress': command(EXECUTION_WRITE, `${EXECUTION}/indicator-progress`, { projectCode: LAWYER_PROJECT, indicator: '陪访律师人数', date: '2024-03-31', actualToDate: '10', forecast: '40', likelihood: '确定能' }),
  'GET /v1/execution/:department/:year/payments': { request: { url: `${EXECUTION}/payments` }, access: EXECUTION_READ },
  'GET /v1/execution/:department/:year/monitoring': { request: { url: `${EXECUTION}/monitoring` }, access: EXECUTION_READ },
  'GET /v1/execution/:department/:year/monitoring/projects/:code': { request: { url: `${EXECUTION}/monitoring/projects/${LAWYER_PROJECT}` }, access: EXECUTION_READ },
  'GET /v1/execution/:department/:year/monitoring-table.xlsx': { request: { url: `${EXECUTION}/monitoring-table.xlsx` }, access: EXECUTION_READ },
  'GET /v1/monitoring/:year': { request: { url: `/v1/monitoring/${YEAR}` }, access: OVERSIGHT },
  'GET /v1/monitoring/:year/warnings': { request: { url: `/v1/monitoring/${YEAR}/warnings` }, access: OVERSIGHT },
  'GET /v1/monitoring/:year/monitoring-table.xlsx': { request: { url: `/v1/monitoring/${YEAR}/monitoring-table.xlsx` }, access: OVERSIGHT },
  'GET /v1/execution-settings/:year': { request: { url: `/v1/execution-settings/${YEAR}` }, access: SIGNED_IN },
  'PUT /v1/execution-settings/:year': {
    request: { url: `/v1/execution-settings/${YEAR}`, body: { overspendMode: 'warn', yellowGapPoints: 10, redGapPoints: 20 } },
    access: { ...FINANCE_ONLY, departmentOwn: refused(403, 'SETTINGS_FORBIDDEN_ROLE'), departmentOther: refused(403, 'SETTINGS_FORBIDDEN_ROLE'), supervisor: refused(403, 'SETTINGS_FORBIDDEN_ROLE'), admin: refused(403, 'SETTINGS_FORBIDDEN_ROLE') },
    command: true,
  },

  // Reminders and notifications (提醒).
  'GET /v1/notifications': { request: { url: '/v1/notifications' }, access: SIGNED_IN },
  'POST /v1/notifications/:id/read': { request: { url: '/v1/notifications/999999/read' }, access: { ...everyone('allowed'), anonymous: UNAUTHENTICATED }, command: true },
  'GET /v1/reminder-settings': { request: { url: '/v1/reminder-settings' }, access: OVERSIGHT },
  'PUT /v1/reminder-settings': {
    request: { url: '/v1/reminder-settings', body: { leadDays: [7, 3], confirmOnPlan: false, channels: { inbox: true, email: false, webhook: false } } },
    access: { ...OVERSIGHT, supervisor: FORBIDDEN },
    command: true,
  },
  'GET /v1/notification-contacts': { request: { url: '/v1/notification-contacts' }, access: SIGNED_IN },
  'POST /v1/notification-contacts': command(AUDIENCE_501_MANAGERS, '/v1/notification-contacts', { audience: 'department', department: DEPARTMENT, name: '张会计', email: 'zhang@county.example' }),
  // An id nobody has: 404 for everyone signed in (another audience's contact is concealed the same way).
  'DELETE /v1/notification-contacts/:id': { request: { url: '/v1/notification-contacts/999999' }, access: { ...everyone('allowed'), anonymous: UNAUTHENTICATED }, command: true },
  'GET /v1/webhooks': { request: { url: '/v1/webhooks' }, access: SIGNED_IN },
  'POST /v1/webhooks': command(AUDIENCE_501_MANAGERS, '/v1/webhooks', { audience: 'department', department: DEPARTMENT, url: 'https://hooks.county.example/501', secret: 'a-long-shared-secret-0123456789' }),
  'DELETE /v1/webhooks/:id': { request: { url: '/v1/webhooks/999999' }, access: { ...everyone('allowed'), anonymous: UNAUTHENTICATED }, command: true },
  'GET /v1/webhook-dead-letters': { request: { url: '/v1/webhook-dead-letters' }, access: { ...SIGNED_IN, departmentOwn: FORBIDDEN, departmentOther: FORBIDDEN, finance: FORBIDDEN, supervisor: FORBIDDEN } },
};

/**
 * Routes that exist only with `AUTH_ISSUER` + `AUTH_CLIENT_ID` (the console's sign-in through the identity provider):
 * the app above has none of them. `test/oidc/oidc-console.e2e.spec.ts` checks that such an app serves no route without
 * an entry here or above, and walks them against a real provider (the browser's redirects are the callers).
 */
export const OIDC_CONSOLE_MATRIX: Record<string, MatrixEntry> = {
  'GET /v1/auth/oidc/start': { request: { url: '/v1/auth/oidc/start' }, access: everyone('allowed') },
  'GET /v1/auth/oidc/callback': { request: { url: '/v1/auth/oidc/callback?code=x&state=y' }, access: everyone('allowed') },
};

/** The matrix entry of a route: its own key, or a `METHOD /prefix/**` entry covering it. */
export function entryKeyFor(key: string, matrix: Record<string, MatrixEntry> = AUTHORIZATION_MATRIX): string | undefined {
  if (key in matrix) return key;
  const [method, url] = key.split(' ');
  return Object.keys(matrix).find((candidate) => {
    const [m, pattern] = candidate.split(' ');
    return m === method && pattern.endsWith('/**') && url.startsWith(pattern.slice(0, -2));
  });
}

/** Routes the app serves without an entry, and entries for routes it does not serve. */
export function matrixGaps(routes: ReadonlyArray<{ method: string; url: string }>, matrix: Record<string, MatrixEntry> = AUTHORIZATION_MATRIX) {
  const served = new Set(routes.map((route) => `${route.method} ${route.url}`));
  const covering = new Set([...served].map((key) => entryKeyFor(key, matrix)));
  return {
    missing: [...served].filter((key) => entryKeyFor(key, matrix) === undefined),
    stale: Object.keys(matrix).filter((key) => !served.has(key) && !covering.has(key)),
  };
}
