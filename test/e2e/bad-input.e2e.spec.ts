import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Role } from '@budgetflow/platform';
import { type RequestOptions, type TestApp, useTestApp } from '../support/test-app';
import { twoYearLibraryProject } from '../support/library-project';

/**
 * Hostile input, one table: every row is a request the service must refuse with the right status, a stable
 * `code`, problem+json with a Chinese title, and not one event appended. Rows do not depend on each other's
 * outcome: a refusal changes nothing, and a row that needs a prior successful write does it in its own setup
 * (the event count is measured after the setup).
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Caller = { role: Role; department?: string } | 'none' | 'garbage';

interface BadInputCase {
  name: string;
  method: Method;
  url: string;
  as: Caller;
  body?: unknown;
  /** Raw payload instead of a JSON body (malformed JSON, huge bodies). */
  payload?: string | (() => string);
  headers?: Record<string, string>;
  /** A successful write the case builds on; the event count is measured after it. */
  setup?: (t: TestApp) => Promise<void>;
  expectStatus: number;
  expectCode: string;
}

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'guantao-xinfang-2024', 'budget-facts.json');
const facts = (): Record<string, any> => JSON.parse(readFileSync(FIXTURE, 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any -- a document edited field by field

const B = '/v1/budgets/501/2024';
const DEPT: Caller = { role: 'department', department: '501' };
const FINANCE: Caller = { role: 'finance' };
const ADMIN: Caller = { role: 'admin' };
const SUPERVISOR: Caller = { role: 'supervisor' };
/** The fixture's first project (imported in beforeAll) and its first basic line. */
const EXISTING_PROJECT = '13043324P00007510001B';
const EXISTING_LINE = 'basic-1';
/** Department 503 has an opened draft with income and no expenditure: unbalanced. */
const UNBALANCED = '/v1/budgets/503/2024';

const line = (overrides: Record<string, unknown> = {}) => ({
  functionalCode: '2014004',
  economicCode: '30201',
  fundSource: '一般公共预算拨款',
  amount: '1000.00',
  ...overrides,
});

/** A two-year library project of 500,000.00 元. */
const libraryEntry = (code: string) => twoYearLibraryProject(code, 2024);

/** Finance runs 2025 in four rounds (setting it again changes nothing). */
const fourRounds2025 = async (t: TestApp) => {
  expect((await t.request('PUT', '/v1/budget-settings/2025', { token: await t.token('finance'), body: { rounds: 'four' } })).status).toBe(200);
};

/** A round's name in a URL. */
const R = (round: string) => encodeURIComponent(round);

/** 2028 names a library review office (评审中心); department 509 has proposed LIB-509 starting in 2028 (set again: nothing new). */
const reviewed2028 = async (t: TestApp) => {
  expect((await t.request('PUT', '/v1/budget-settings/2028', { token: await t.token('finance'), body: { libraryReviewSteps: ['评审中心'] } })).status).toBe(200);
  const proposal = { ...libraryEntry('LIB-509'), startYear: 2028, endYear: 2028, yearlyAmounts: [] };
  expect((await t.request('POST', '/v1/project-library/509', { token: await t.token('department', '509'), body: proposal })).status).toBe(201);
};

const plan = (...points: Array<[string, number]>) => points.map(([checkpoint, cumulativePercent]) => ({ checkpoint, cumulativePercent }));
const GOOD_PLAN = plan(['3月底', 25], ['6月底', 50], ['9月底', 75], ['12月底', 100]);

const indicator = (overrides: Record<string, unknown> = {}) => ({
  level1: '产出指标',
  level2: '数量指标',
  name: '培训人次',
  description: '全年培训人次',
  target: '8 个',
  basis: '培训计划',
  ...overrides,
});

const project = (overrides: Record<string, unknown> = {}) => ({
  code: 'BAD-INPUT-P1',
  name: '测试项目',
  functionalCode: '2014004',
  fundSource: '一般公共预算拨款',
  amount: '10000.00',
  purpose: '用于测试',
  spendingPlan: GOOD_PLAN,
  goal: '完成测试',
  indicators: [indicator()],
  ...overrides,
});

const importDoc = (edit: (doc: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const doc = facts();
  edit(doc);
  return doc;
};

const CASES: BadInputCase[] = [
  // — classification codes —
  { name: 'functional code with 6 digits', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ functionalCode: '201400' }), expectStatus: 400, expectCode: 'CODE_FORMAT_INVALID' },
  { name: 'economic code with 4 digits', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ economicCode: '3010' }), expectStatus: 400, expectCode: 'CODE_FORMAT_INVALID' },
  { name: 'functional code with letters', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ functionalCode: '20140AB' }), expectStatus: 400, expectCode: 'CODE_FORMAT_INVALID' },
  { name: 'economic code with letters', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ economicCode: '3O1O1' }), expectStatus: 400, expectCode: 'CODE_FORMAT_INVALID' },
  { name: 'functional code not in the catalog (2999999)', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ functionalCode: '2999999' }), expectStatus: 422, expectCode: 'CODE_NOT_IN_CATALOG' },
  { name: 'economic code not in the catalog (39999)', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ economicCode: '39999' }), expectStatus: 422, expectCode: 'CODE_NOT_IN_CATALOG' },
  { name: 'functional code at 类 level (201)', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ functionalCode: '201' }), expectStatus: 400, expectCode: 'CODE_FORMAT_INVALID' },
  { name: 'economic code at 类 level (301)', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ economicCode: '301' }), expectStatus: 400, expectCode: 'CODE_FORMAT_INVALID' },
  { name: 'project functional code not in the catalog', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ functionalCode: '2999999' }), expectStatus: 422, expectCode: 'CODE_NOT_IN_CATALOG' },
  { name: 'revising a line to a code not in the catalog', method: 'PATCH', url: `${B}/basic-lines/${EXISTING_LINE}`, as: DEPT, body: { economicCode: '39999' }, expectStatus: 422, expectCode: 'CODE_NOT_IN_CATALOG' },

  // — amounts —
  { name: 'amount as a JSON number', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: 1000 }), expectStatus: 400, expectCode: 'AMOUNT_NOT_STRING' },
  { name: 'negative amount', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '-5.00' }), expectStatus: 422, expectCode: 'AMOUNT_NOT_POSITIVE' },
  { name: 'zero amount on an expenditure line', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '0' }), expectStatus: 422, expectCode: 'AMOUNT_NOT_POSITIVE' },
  { name: 'amount with 3 decimals', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '1.005' }), expectStatus: 400, expectCode: 'AMOUNT_TOO_PRECISE' },
  { name: 'non-numeric amount string', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '一千元' }), expectStatus: 400, expectCode: 'AMOUNT_INVALID' },
  { name: 'amount in exponent notation', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '1e5' }), expectStatus: 400, expectCode: 'AMOUNT_INVALID' },
  { name: 'absurdly large amount', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '999999999999999999.99' }), expectStatus: 422, expectCode: 'AMOUNT_TOO_LARGE' },
  { name: 'amount with more digits than any decimal', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '9'.repeat(400) }), expectStatus: 400, expectCode: 'AMOUNT_INVALID' },
  { name: 'empty amount string', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ amount: '' }), expectStatus: 400, expectCode: 'AMOUNT_INVALID' },
  { name: 'income amount as a JSON number', method: 'POST', url: `${B}/income`, as: DEPT, body: { source: '事业收入', amount: 100.5 }, expectStatus: 400, expectCode: 'AMOUNT_NOT_STRING' },
  { name: 'negative income', method: 'POST', url: `${B}/income`, as: DEPT, body: { source: '事业收入', amount: '-100.00' }, expectStatus: 422, expectCode: 'AMOUNT_NEGATIVE' },
  { name: 'project amount with 3 decimals', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ amount: '10000.001' }), expectStatus: 400, expectCode: 'AMOUNT_TOO_PRECISE' },

  // — sources —
  { name: 'unknown income source', method: 'POST', url: `${B}/income`, as: DEPT, body: { source: '天上掉下来的收入', amount: '100.00' }, expectStatus: 400, expectCode: 'INCOME_SOURCE_UNKNOWN' },
  { name: 'unknown fund source on a basic line', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ fundSource: '小金库' }), expectStatus: 400, expectCode: 'FUND_SOURCE_UNKNOWN' },
  { name: 'unknown fund source on a project', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ fundSource: '小金库' }), expectStatus: 400, expectCode: 'FUND_SOURCE_UNKNOWN' },

  // — spending plans —
  { name: 'spending plan not ending at 100', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: plan(['6月底', 50], ['12月底', 90]) }), expectStatus: 422, expectCode: 'SPENDING_PLAN_INCOMPLETE' },
  { name: 'empty spending plan', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: [] }), expectStatus: 422, expectCode: 'SPENDING_PLAN_INCOMPLETE' },
  { name: 'spending plan decreasing', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: plan(['3月底', 60], ['6月底', 40], ['12月底', 100]) }), expectStatus: 422, expectCode: 'SPENDING_PLAN_PERCENT_DECREASING' },
  { name: 'spending plan above 100', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: plan(['6月底', 50], ['12月底', 120]) }), expectStatus: 422, expectCode: 'SPENDING_PLAN_PERCENT_OUT_OF_RANGE' },
  { name: 'spending plan checkpoint 13月底', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: plan(['6月底', 50], ['13月底', 100]) }), expectStatus: 400, expectCode: 'SPENDING_PLAN_CHECKPOINT_INVALID' },
  { name: 'spending plan months not increasing', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: plan(['6月底', 25], ['3月底', 50], ['12月底', 100]) }), expectStatus: 422, expectCode: 'SPENDING_PLAN_MONTHS_NOT_INCREASING' },
  { name: 'spending plan percent as a string', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: [{ checkpoint: '12月底', cumulativePercent: '100' }] }), expectStatus: 400, expectCode: 'FIELD_TYPE_INVALID' },
  { name: 'spending plan over 12 checkpoints', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: Array.from({ length: 13 }, (_, i) => ({ checkpoint: '12月底', cumulativePercent: i })) }), expectStatus: 400, expectCode: 'LIST_TOO_LONG' },

  // — performance indicators —
  { name: 'unknown indicator level1', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ indicators: [indicator({ level1: '随便指标' })] }), expectStatus: 422, expectCode: 'INDICATOR_LEVEL1_UNKNOWN' },
  { name: 'indicator level2 not under level1', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ indicators: [indicator({ level1: '满意度指标', level2: '数量指标' })] }), expectStatus: 422, expectCode: 'INDICATOR_LEVEL2_UNKNOWN' },
  { name: 'unparseable indicator target', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ indicators: [indicator({ target: '越多越好' })] }), expectStatus: 400, expectCode: 'INDICATOR_TARGET_INVALID' },

  // — project rules —
  { name: 'project lines not summing to the amount', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ lines: [line({ amount: '4000.00' }), line({ economicCode: '30202', amount: '5000.00' })] }), expectStatus: 422, expectCode: 'PROJECT_LINES_MISMATCH' },
  { name: 'fiscal + other funds not equal to the amount', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ fiscalFunds: '6000.00', otherFunds: '3000.00' }), expectStatus: 422, expectCode: 'PROJECT_FUNDS_MISMATCH' },
  { name: 'duplicate project code', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ code: EXISTING_PROJECT }), expectStatus: 409, expectCode: 'DUPLICATE_PROJECT_CODE' },
  { name: 'project code with a zero-width space', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ code: 'BAD-INPUT-P2\u200b' }), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'project code with full-width letters', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ code: 'ＢＡＤ－ＩＮＰＵＴ' }), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'project code with a Cyrillic look-alike', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ code: 'BAD-INPUT-Р3' }), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'project code with a slash', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ code: 'BAD/INPUT' }), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'project code with ? and #', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ code: 'BAD?INPUT#1' }), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'project code with a space', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ code: 'BAD INPUT' }), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'duplicate basic line id', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: { ...line(), lineId: EXISTING_LINE }, expectStatus: 409, expectCode: 'DUPLICATE_LINE_ID' },
  // (DELETE of an absent line/project is deliberately idempotent — 200, nothing appended — so it is not a row here.)
  { name: 'adjusting an unknown project', method: 'PATCH', url: `${B}/projects/NO-SUCH-PROJECT`, as: DEPT, body: { amount: '100.00' }, expectStatus: 404, expectCode: 'PROJECT_NOT_FOUND' },
  { name: 'revising an unknown line', method: 'PATCH', url: `${B}/basic-lines/no-such-line`, as: DEPT, body: { amount: '100.00' }, expectStatus: 404, expectCode: 'LINE_NOT_FOUND' },

  // — workflow states —
  { name: 'approving a draft that was not submitted', method: 'POST', url: `${B}/approve`, as: FINANCE, expectStatus: 409, expectCode: 'BUDGET_NOT_SUBMITTED' },
  { name: 'publishing a version before any approval', method: 'POST', url: `${B}/versions/1/publish`, as: FINANCE, expectStatus: 404, expectCode: 'VERSION_NOT_FOUND' },
  { name: 'returning without a reason', method: 'POST', url: `${B}/return`, as: FINANCE, body: {}, expectStatus: 400, expectCode: 'FIELD_REQUIRED' },
  { name: 'returning with a blank reason', method: 'POST', url: `${B}/return`, as: FINANCE, body: { reason: '   ' }, expectStatus: 400, expectCode: 'FIELD_REQUIRED' },
  { name: 'adjustment before approval', method: 'POST', url: `${B}/adjustments`, as: DEPT, body: { reason: '追加经费', changeSet: { income: [{ source: '事业收入', amount: '100.00' }] } }, expectStatus: 409, expectCode: 'BUDGET_NOT_APPROVED' },
  { name: 'submitting an unbalanced draft', method: 'POST', url: `${UNBALANCED}/submit`, as: { role: 'department', department: '503' }, expectStatus: 422, expectCode: 'BUDGET_UNBALANCED' },
  { name: 'opening a draft that already exists', method: 'POST', url: B, as: DEPT, body: { name: '馆陶县信访局', unitKind: '行政' }, expectStatus: 409, expectCode: 'BUDGET_ALREADY_OPENED' },
  { name: 'opening a draft with an unknown unit kind', method: 'POST', url: '/v1/budgets/509/2024', as: { role: 'department', department: '509' }, body: { name: '某局', unitKind: '企业' }, expectStatus: 400, expectCode: 'UNIT_KIND_UNKNOWN' },
  { name: 'writing to a budget never opened', method: 'POST', url: '/v1/budgets/508/2024/basic-lines', as: { role: 'department', department: '508' }, body: line(), expectStatus: 404, expectCode: 'BUDGET_NOT_FOUND' },

  // — roles and departments —
  { name: 'supervisor writes a line', method: 'POST', url: `${B}/basic-lines`, as: SUPERVISOR, body: line(), expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },
  { name: 'finance proposes a line', method: 'POST', url: `${B}/basic-lines`, as: FINANCE, body: line(), expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },
  { name: 'department approves its own draft', method: 'POST', url: `${B}/approve`, as: DEPT, expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },
  { name: 'department 502 writes to 501', method: 'POST', url: `${B}/basic-lines`, as: { role: 'department', department: '502' }, body: line(), expectStatus: 403, expectCode: 'OTHER_DEPARTMENT' },
  { name: 'department 502 imports into 501', method: 'POST', url: `${B}/import`, as: { role: 'department', department: '502' }, body: facts(), expectStatus: 403, expectCode: 'OTHER_DEPARTMENT' },
  { name: 'admin submits a draft', method: 'POST', url: `${B}/submit`, as: ADMIN, expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },
  { name: 'department sets its own control numbers', method: 'PUT', url: `${B}/control-numbers`, as: DEPT, body: { total: '100.00' }, expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },
  { name: 'no token', method: 'POST', url: `${B}/basic-lines`, as: 'none', body: line(), expectStatus: 401, expectCode: 'UNAUTHENTICATED' },
  { name: 'garbage token', method: 'POST', url: `${B}/basic-lines`, as: 'garbage', body: line(), expectStatus: 401, expectCode: 'UNAUTHENTICATED' },
  { name: 'Basic instead of Bearer', method: 'POST', url: `${B}/basic-lines`, as: 'none', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' }, body: line(), expectStatus: 401, expectCode: 'UNAUTHENTICATED' },

  // — mass assignment —
  { name: 'status smuggled into a line', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ status: 'approved' }), expectStatus: 400, expectCode: 'FIELD_NOT_ALLOWED' },
  { name: 'approvedBy smuggled into a project', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ approvedBy: 'finance-1' }), expectStatus: 400, expectCode: 'FIELD_NOT_ALLOWED' },
  { name: 'version smuggled into income', method: 'POST', url: `${B}/income`, as: DEPT, body: { source: '事业收入', amount: '100.00', version: 99 }, expectStatus: 400, expectCode: 'FIELD_NOT_ALLOWED' },
  { name: 'status smuggled into a spending-plan entry', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: [{ checkpoint: '12月底', cumulativePercent: 100, status: 'done' }] }), expectStatus: 400, expectCode: 'FIELD_NOT_ALLOWED' },
  { name: 'status smuggled into a submit', method: 'POST', url: `${B}/submit`, as: DEPT, body: { status: 'approved' }, expectStatus: 400, expectCode: 'FIELD_NOT_ALLOWED' },
  { name: 'approvedBy smuggled into an approval', method: 'POST', url: `${B}/approve`, as: FINANCE, body: { approvedBy: 'someone-else' }, expectStatus: 400, expectCode: 'FIELD_NOT_ALLOWED' },
  { name: 'status smuggled into a project revision', method: 'PATCH', url: `${B}/projects/${EXISTING_PROJECT}`, as: DEPT, body: { status: 'approved' }, expectStatus: 400, expectCode: 'FIELD_NOT_ALLOWED' },

  // — body shape —
  { name: 'malformed JSON', method: 'POST', url: `${B}/basic-lines`, as: DEPT, payload: '{"functionalCode": "2014001",', expectStatus: 400, expectCode: 'MALFORMED_JSON' },
  // Known bug: Fastify's built-in text/plain parser and Nest's urlencoded (@fastify/formbody) parser are left on,
  // so these two are read as bodies (400 BODY_NOT_OBJECT / a 200 that appends an event) instead of a 415.
  { name: 'wrong content type', method: 'POST', url: `${B}/basic-lines`, as: DEPT, payload: 'functionalCode=2014001', headers: { 'content-type': 'text/plain' }, expectStatus: 415, expectCode: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form-encoded body', method: 'POST', url: `${B}/income`, as: DEPT, payload: 'source=%E4%BA%8B%E4%B8%9A%E6%94%B6%E5%85%A5&amount=100', headers: { 'content-type': 'application/x-www-form-urlencoded' }, expectStatus: 415, expectCode: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'body is a JSON array', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: [line()], expectStatus: 400, expectCode: 'BODY_NOT_OBJECT' },
  { name: 'body is a JSON string', method: 'POST', url: `${B}/income`, as: DEPT, payload: '"事业收入"', expectStatus: 400, expectCode: 'BODY_NOT_OBJECT' },
  { name: 'body over 5 MiB', method: 'POST', url: `${B}/projects`, as: DEPT, payload: () => JSON.stringify(project({ purpose: 'x'.repeat(5 * 1024 * 1024 + 1024) })), expectStatus: 413, expectCode: 'PAYLOAD_TOO_LARGE' },
  { name: 'required field missing', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: { economicCode: '30201', fundSource: '一般公共预算拨款', amount: '1.00' }, expectStatus: 400, expectCode: 'FIELD_REQUIRED' },
  { name: 'code as a JSON number', method: 'POST', url: `${B}/basic-lines`, as: DEPT, body: line({ functionalCode: 2014001 }), expectStatus: 400, expectCode: 'FIELD_TYPE_INVALID' },
  { name: 'project name too long', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ name: '长'.repeat(201) }), expectStatus: 400, expectCode: 'TEXT_TOO_LONG' },
  { name: 'spending plan as an object', method: 'POST', url: `${B}/projects`, as: DEPT, body: project({ spendingPlan: { '12月底': 100 } }), expectStatus: 400, expectCode: 'FIELD_TYPE_INVALID' },

  // — path parameters —
  { name: "year 'abcd'", method: 'POST', url: '/v1/budgets/501/abcd/basic-lines', as: DEPT, body: line(), expectStatus: 400, expectCode: 'VALIDATION_FAILED' },
  { name: 'year out of range (1999)', method: 'POST', url: '/v1/budgets/501/1999/income', as: DEPT, body: { source: '事业收入', amount: '1.00' }, expectStatus: 400, expectCode: 'VALIDATION_FAILED' },
  { name: "department '../x' (encoded)", method: 'POST', url: '/v1/budgets/..%2Fx/2024/basic-lines', as: DEPT, body: line(), expectStatus: 400, expectCode: 'VALIDATION_FAILED' },
  { name: "department '../x' (raw)", method: 'POST', url: '/v1/budgets/../x/2024/basic-lines', as: DEPT, body: line(), expectStatus: 404, expectCode: 'ROUTE_NOT_FOUND' },
  { name: 'version not a number', method: 'POST', url: `${B}/versions/abc/publish`, as: FINANCE, expectStatus: 400, expectCode: 'VALIDATION_FAILED' },

  // — headers —
  { name: 'stale If-Match', method: 'POST', url: `${B}/income`, as: DEPT, headers: { 'if-match': '"1"' }, body: { source: '事业收入', amount: '100.00' }, expectStatus: 412, expectCode: 'PRECONDITION_FAILED' },
  { name: 'malformed If-Match', method: 'POST', url: `${B}/income`, as: DEPT, headers: { 'if-match': 'version-seven' }, body: { source: '事业收入', amount: '100.00' }, expectStatus: 400, expectCode: 'VALIDATION_FAILED' },
  { name: 'malformed Idempotency-Key', method: 'POST', url: `${B}/income`, as: DEPT, headers: { 'idempotency-key': 'has spaces / slashes' }, body: { source: '事业收入', amount: '100.00' }, expectStatus: 400, expectCode: 'VALIDATION_FAILED' },
  (() => {
    const key = `bad-input-${randomUUID()}`;
    return {
      name: 'Idempotency-Key reused with another body',
      method: 'POST' as const,
      url: '/v1/budgets/504/2024',
      as: { role: 'department' as const, department: '504' },
      headers: { 'idempotency-key': key },
      body: { name: '另一个名称', unitKind: '事业' },
      setup: async (t: TestApp) => {
        const first = await t.request('POST', '/v1/budgets/504/2024', {
          token: await t.token('department', '504'),
          headers: { 'idempotency-key': key },
          body: { name: '馆陶县某局', unitKind: '行政' },
        });
        expect(first.status).toBe(201);
      },
      expectStatus: 422,
      expectCode: 'IDEMPOTENCY_KEY_REUSED',
    };
  })(),

  // — budget-facts import —
  { name: 'import with a JSON-number amount', method: 'POST', url: `${B}/import`, as: DEPT, body: importDoc((d) => (d.income[0].amount = 654.24)), expectStatus: 400, expectCode: 'AMOUNT_NOT_DECIMAL_STRING' },
  { name: 'import of an unknown format', method: 'POST', url: `${B}/import`, as: DEPT, body: importDoc((d) => (d.format = 'budget-facts/99')), expectStatus: 400, expectCode: 'FORMAT_UNSUPPORTED' },
  { name: 'import with a project code holding a zero-width space', method: 'POST', url: `${B}/import`, as: DEPT, body: importDoc((d) => (d.projects[0].code = '13043324P00007510001B\u200b')), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'import with a project code holding a slash', method: 'POST', url: `${B}/import`, as: DEPT, body: importDoc((d) => (d.projects[0].code = '13043324/P0000')), expectStatus: 400, expectCode: 'PROJECT_CODE_INVALID' },
  { name: 'import with a bad functional code', method: 'POST', url: `${B}/import`, as: DEPT, body: importDoc((d) => (d.basicExpenditureLines[0].functionalCode = '20140')), expectStatus: 400, expectCode: 'FUNCTIONAL_CODE_INVALID' },
  { name: 'import whose department is not the address', method: 'POST', url: '/v1/budgets/502/2024/import', as: { role: 'department', department: '502' }, body: facts(), expectStatus: 400, expectCode: 'IMPORT_ADDRESS_MISMATCH' },
  { name: 'import whose year is not the address', method: 'POST', url: '/v1/budgets/501/2025/import', as: DEPT, body: facts(), expectStatus: 400, expectCode: 'IMPORT_ADDRESS_MISMATCH' },
  { name: 'import of a non-object', method: 'POST', url: `${B}/import`, as: DEPT, body: ['budget-facts/1'], expectStatus: 400, expectCode: 'NOT_AN_OBJECT' },
  { name: 'import with a line code not in the catalog', method: 'POST', url: '/v1/budgets/505/2024/import', as: { role: 'department', department: '505' }, body: importDoc((d) => { d.department.code = '505'; d.basicExpenditureLines[0].functionalCode = '2999999'; }), expectStatus: 422, expectCode: 'CODE_NOT_IN_CATALOG' },

  // — catalogs —
  { name: 'catalog load by a department', method: 'PUT', url: '/v1/catalogs/2024', as: DEPT, body: { functional: [{ code: '2019999', name: '其他' }] }, expectStatus: 403, expectCode: 'FORBIDDEN' },
  { name: 'catalog load by finance', method: 'PUT', url: '/v1/catalogs/2024', as: FINANCE, body: { functional: [{ code: '2019999', name: '其他' }] }, expectStatus: 403, expectCode: 'FORBIDDEN' },
  { name: 'catalog with a letter code', method: 'PUT', url: '/v1/catalogs/2024', as: ADMIN, body: { functional: [{ code: '20140AB', name: '坏科目' }] }, expectStatus: 400, expectCode: 'CATALOG_ENTRY_INVALID' },
  { name: 'catalog with a 7-digit economic code', method: 'PUT', url: '/v1/catalogs/2024', as: ADMIN, body: { economic: [{ code: '3010101', name: '坏科目' }] }, expectStatus: 400, expectCode: 'CATALOG_ENTRY_INVALID' },
  { name: 'catalog with a 6-digit functional code', method: 'PUT', url: '/v1/catalogs/2024', as: ADMIN, body: { functional: [{ code: '201400', name: '坏科目' }] }, expectStatus: 400, expectCode: 'CATALOG_ENTRY_INVALID' },
  { name: 'catalog with an empty name', method: 'PUT', url: '/v1/catalogs/2024', as: ADMIN, body: { functional: [{ code: '2019999', name: '  ' }] }, expectStatus: 400, expectCode: 'CATALOG_ENTRY_INVALID' },
  { name: 'catalog with no entries', method: 'PUT', url: '/v1/catalogs/2024', as: ADMIN, body: {}, expectStatus: 400, expectCode: 'CATALOG_ENTRY_INVALID' },
  { name: 'catalog with an unknown field', method: 'PUT', url: '/v1/catalogs/2024', as: ADMIN, body: { functional: [{ code: '2019999', name: '其他' }], status: 'final' }, expectStatus: 400, expectCode: 'CATALOG_ENTRY_INVALID' },
  { name: "catalog year 'abcd'", method: 'PUT', url: '/v1/catalogs/abcd', as: ADMIN, body: { functional: [{ code: '2019999', name: '其他' }] }, expectStatus: 400, expectCode: 'VALIDATION_FAILED' },

  // — control numbers —
  { name: 'control number as a JSON number', method: 'PUT', url: `${B}/control-numbers`, as: FINANCE, body: { total: 6542400 }, expectStatus: 400, expectCode: 'AMOUNT_NOT_STRING' },
  { name: 'negative control number', method: 'PUT', url: `${B}/control-numbers`, as: FINANCE, body: { total: '-1.00' }, expectStatus: 422, expectCode: 'AMOUNT_NOT_POSITIVE' },
  { name: 'control number with 3 decimals', method: 'PUT', url: `${B}/control-numbers`, as: FINANCE, body: { basic: '100.001' }, expectStatus: 400, expectCode: 'AMOUNT_TOO_PRECISE' },
  { name: 'control numbers set by a supervisor', method: 'PUT', url: `${B}/control-numbers`, as: SUPERVISOR, body: { total: '100.00' }, expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },

  // — next year from this year —
  { name: 'open next year from a year other than the one before', method: 'POST', url: '/v1/budgets/501/2025', as: DEPT, body: { fromYear: 2023 }, expectStatus: 400, expectCode: 'FROM_YEAR_INVALID' },
  { name: 'open next year from a year not approved', method: 'POST', url: '/v1/budgets/501/2025', as: DEPT, body: { fromYear: 2024 }, expectStatus: 409, expectCode: 'PRIOR_YEAR_NOT_APPROVED' },
  { name: "open next year of another department's budget", method: 'POST', url: '/v1/budgets/501/2025', as: { role: 'department', department: '502' }, body: { fromYear: 2024 }, expectStatus: 403, expectCode: 'OTHER_DEPARTMENT' },
  { name: 'open next year with fromYear as a string', method: 'POST', url: '/v1/budgets/501/2025', as: DEPT, body: { fromYear: '2024' }, expectStatus: 400, expectCode: 'FIELD_TYPE_INVALID' },

  // — project library —
  { name: 'schedule a project that is not in the library', method: 'POST', url: `${B}/projects/from-library`, as: DEPT, body: { code: 'LIB-NONE' }, expectStatus: 422, expectCode: 'PROJECT_NOT_IN_LIBRARY' },
  {
    name: "schedule another department's library project",
    method: 'POST',
    url: `${B}/projects/from-library`,
    as: DEPT,
    body: { code: 'LIB-506' },
    setup: async (t: TestApp) => {
      const token = await t.token('department', '506');
      expect((await t.request('POST', '/v1/project-library/506', { token, body: libraryEntry('LIB-506') })).status).toBe(201);
      expect((await t.request('POST', '/v1/project-library/506/LIB-506/approve', { token: await t.token('finance') })).status).toBe(200);
    },
    expectStatus: 422,
    expectCode: 'PROJECT_NOT_IN_LIBRARY',
  },
  { name: "propose into another department's library", method: 'POST', url: '/v1/project-library/506', as: DEPT, body: libraryEntry('LIB-501'), expectStatus: 403, expectCode: 'OTHER_DEPARTMENT' },
  { name: "read another department's library entry", method: 'GET', url: '/v1/project-library/506/LIB-506', as: DEPT, expectStatus: 404, expectCode: 'NOT_FOUND' },
  { name: 'library entry whose yearly amounts miss the total', method: 'POST', url: '/v1/project-library/501', as: DEPT, body: { ...libraryEntry('LIB-501'), totalAmount: '900000.00' }, expectStatus: 422, expectCode: 'PROJECT_YEARS_INVALID' },
  { name: 'library entry approved by a department', method: 'POST', url: '/v1/project-library/501/LIB-501/approve', as: DEPT, expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },
  { name: 'library entry returned without a reason', method: 'POST', url: '/v1/project-library/501/LIB-501/return', as: FINANCE, body: { reason: '  ' }, expectStatus: 400, expectCode: 'FIELD_REQUIRED' },

  // — rounds (2025 runs 一上一下二上二下) —
  {
    name: 'control numbers (一下) before the proposal (一上)',
    method: 'PUT',
    url: '/v1/budgets/507/2025/control-numbers',
    as: FINANCE,
    body: { total: '500.00' },
    setup: async (t: TestApp) => {
      await fourRounds2025(t);
      expect((await t.request('POST', '/v1/budgets/507/2025', { token: await t.token('department', '507'), body: { name: '馆陶县某局', unitKind: '行政' } })).status).toBe(201);
    },
    expectStatus: 409,
    expectCode: 'ROUND_OUT_OF_ORDER',
  },
  {
    name: '二上 above the control numbers',
    method: 'POST',
    url: '/v1/budgets/508/2025/submit',
    as: { role: 'department', department: '508' },
    setup: async (t: TestApp) => {
      await fourRounds2025(t);
      const token = await t.token('department', '508');
      const u = '/v1/budgets/508/2025';
      expect((await t.request('POST', u, { token, body: { name: '馆陶县某局', unitKind: '行政' } })).status).toBe(201);
      expect((await t.request('POST', `${u}/income`, { token, body: { source: '一般公共预算拨款收入', amount: '1000.00' } })).status).toBe(200);
      expect((await t.request('POST', `${u}/basic-lines`, { token, body: line({ functionalCode: '2014001', economicCode: '30101' }) })).status).toBe(201);
      expect((await t.request('POST', `${u}/submit`, { token })).status).toBe(200);
      expect((await t.request('PUT', `${u}/control-numbers`, { token: await t.token('finance'), body: { total: '500.00' } })).status).toBe(200);
    },
    expectStatus: 422,
    expectCode: 'CONTROL_NUMBER_EXCEEDED',
  },
  // — a round's diff and export (2024 of 501 runs in one round) —
  { name: 'rounds diff with an unknown round', method: 'GET', url: `${B}/rounds/diff?from=${R('三上')}&to=${R('二上')}`, as: DEPT, expectStatus: 400, expectCode: 'ROUND_UNKNOWN' },
  { name: 'rounds diff without to', method: 'GET', url: `${B}/rounds/diff?from=${R('一上')}`, as: DEPT, expectStatus: 400, expectCode: 'VALIDATION_FAILED' },
  { name: 'rounds diff of a round not reached', method: 'GET', url: `${B}/rounds/diff?from=${R('一上')}&to=${R('二上')}`, as: FINANCE, expectStatus: 404, expectCode: 'ROUND_NOT_REACHED' },
  { name: 'round export of a round not reached', method: 'GET', url: `${B}/rounds/${R('一上')}.csv`, as: DEPT, expectStatus: 404, expectCode: 'ROUND_NOT_REACHED' },
  { name: 'round export of an unknown round', method: 'GET', url: `${B}/rounds/${R('三下')}.xlsx`, as: DEPT, expectStatus: 400, expectCode: 'ROUND_UNKNOWN' },
  { name: "round export of another department's budget", method: 'GET', url: `${B}/rounds/${R('一上')}.csv`, as: { role: 'department', department: '502' }, expectStatus: 404, expectCode: 'NOT_FOUND' },
  { name: "rounds diff of another department's budget", method: 'GET', url: `${B}/rounds/diff?from=${R('一上')}&to=${R('二上')}`, as: { role: 'department', department: '502' }, expectStatus: 404, expectCode: 'NOT_FOUND' },

  // — library review steps (2028: 评审中心 before 入库) —
  { name: 'library review steps with an empty name', method: 'PUT', url: '/v1/budget-settings/2028', as: FINANCE, body: { libraryReviewSteps: [' '] }, expectStatus: 400, expectCode: 'FIELD_REQUIRED' },
  { name: 'library review steps given as text', method: 'PUT', url: '/v1/budget-settings/2028', as: FINANCE, body: { rounds: 'single', libraryReviewSteps: '评审中心' }, expectStatus: 400, expectCode: 'FIELD_TYPE_INVALID' },
  { name: 'library project approved before its review steps', method: 'POST', url: '/v1/project-library/509/LIB-509/approve', as: FINANCE, setup: reviewed2028, expectStatus: 409, expectCode: 'LIBRARY_REVIEW_STEPS_PENDING' },
  { name: 'library review step recorded by a department', method: 'POST', url: '/v1/project-library/509/LIB-509/review-steps', as: { role: 'department', department: '509' }, body: { step: '评审中心' }, setup: reviewed2028, expectStatus: 403, expectCode: 'FORBIDDEN_ROLE' },
  { name: 'library review step not configured', method: 'POST', url: '/v1/project-library/509/LIB-509/review-steps', as: FINANCE, body: { step: '局长' }, setup: reviewed2028, expectStatus: 400, expectCode: 'REVIEW_STEP_UNKNOWN' },
  { name: 'library review step without a step', method: 'POST', url: '/v1/project-library/509/LIB-509/review-steps', as: FINANCE, body: { note: '通过' }, setup: reviewed2028, expectStatus: 400, expectCode: 'FIELD_REQUIRED' },
  { name: 'library review step of a project not in the library', method: 'POST', url: '/v1/project-library/509/LIB-NONE/review-steps', as: FINANCE, body: { step: '评审中心' }, expectStatus: 404, expectCode: 'LIBRARY_PROJECT_NOT_FOUND' },
  { name: 'budget settings with an unknown rounds mode', method: 'PUT', url: '/v1/budget-settings/2025', as: FINANCE, body: { rounds: 'three' }, expectStatus: 400, expectCode: 'ROUNDS_MODE_UNKNOWN' },
];

const CHINESE = /[\u4e00-\u9fff]/;

describe('hostile input is refused with problem+json and appends nothing', () => {
  const t = useTestApp();

  beforeAll(async () => {
    // 501: the fixture imported as a draft.
    const imported = await t.request('POST', `${B}/import`, { token: await t.token('department', '501'), body: facts() });
    expect(imported.status).toBe(200);
    // 503: an opened draft with income and no expenditure, so it cannot balance.
    const token503 = await t.token('department', '503');
    const opened = await t.request('POST', UNBALANCED, { token: token503, body: { name: '馆陶县某单位', unitKind: '事业' } });
    expect(opened.status).toBe(201);
    const income = await t.request('POST', `${UNBALANCED}/income`, { token: token503, body: { source: '一般公共预算拨款收入', amount: '1000.00' } });
    expect(income.status).toBe(200);
  });


  it('has a table of at least 45 distinct cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    if (c.setup) await c.setup(t);
    const options: RequestOptions = { headers: { ...(c.headers ?? {}) } };
    if (c.as === 'garbage') options.token = 'not.a.token';
    else if (c.as !== 'none') options.token = await t.token(c.as.role, c.as.department);
    if (c.body !== undefined) options.body = c.body;
    else if (c.payload !== undefined) options.payload = typeof c.payload === 'function' ? c.payload() : c.payload;

    const before = await t.eventCount();
    const response = await t.request(c.method, c.url, options);
    const after = await t.eventCount();

    // One comparison so that a failure shows the whole answer.
    expect({
      status: response.status,
      code: response.body?.code,
      contentType: String(response.headers['content-type'] ?? '').split(';')[0],
      chineseTitle: CHINESE.test(String(response.body?.title ?? '')),
      bodyStatus: response.body?.status,
      eventsAppended: after - before,
      detail: String(response.body?.detail ?? response.text.slice(0, 300)),
    }).toEqual({
      status: c.expectStatus,
      code: c.expectCode,
      contentType: 'application/problem+json',
      chineseTitle: true,
      bodyStatus: c.expectStatus,
      eventsAppended: 0,
      // Not asserted: shown in the diff when a row fails.
      detail: expect.any(String),
    });
  });
});
