import Ajv from 'ajv';
import { type HttpMethod, contractClient } from '@budgetflow/contracts';
import { routeTable } from '../../apps/api/src/http/route-table';
import { type TestApp, createTestApp } from '../support/test-app';
import { callerTokens, publishFixture } from '../security/support/callers';

/**
 * The API contract: `/docs/openapi.json` against the routes the running app registered. Every `/v1` route and
 * `/health` must be in the document with its path parameters, a success answer with a schema, its problem+json
 * refusals and a security requirement; a route that takes a body must name its schema. Then real answers are
 * validated against the schemas the document gives them.
 */

type Operation = {
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
  summary?: string;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

/** Fastify's `/v1/budgets/:department/:year` → OpenAPI's `/v1/budgets/{department}/{year}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const BODY_METHODS = ['POST', 'PUT', 'PATCH'];
const PROBLEM_REF = '#/components/schemas/Problem';

describe('the API contract (/docs/openapi.json)', () => {
  let t: TestApp;
  let doc: Document;
  /** Every /v1 route (and /health) with the document of the app serving it: the default app, and one with OIDC sign-in. */
  let apiRoutes: Array<{ method: string; url: string; doc: Document }>;
  let tokens: Awaited<ReturnType<typeof callerTokens>>;

  const surface = async (app: TestApp): Promise<{ doc: Document; routes: Array<{ method: string; url: string; doc: Document }> }> => {
    const answer = await app.request('GET', '/docs/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.body as Document;
    const routes = routeTable(app.app.getHttpAdapter().getInstance()).filter((route) => route.url.startsWith('/v1/') || route.url === '/health');
    return { doc: document, routes: routes.map((route) => ({ ...route, doc: document })) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const main = await surface(t);
    doc = main.doc;
    // The console's sign-in through an identity provider exists only with AUTH_ISSUER + AUTH_CLIENT_ID (the provider
    // is not reached while the app starts).
    const oidc = await createTestApp({ AUTH_ISSUER: 'http://127.0.0.1:9/issuer', AUTH_JWKS_URL: 'http://127.0.0.1:9/issuer/jwks', AUTH_CLIENT_ID: 'budgetflow-console' });
    try {
      const other = await surface(oidc);
      const known = new Set(main.routes.map((route) => `${route.method} ${route.url}`));
      apiRoutes = [...main.routes, ...other.routes.filter((route) => !known.has(`${route.method} ${route.url}`) || route.url.startsWith('/v1/auth/'))];
    } finally {
      await oidc.close();
    }
  });
  afterAll(() => t.close());

  const operationOf = (route: { method: string; url: string; doc: Document }): Operation | undefined => route.doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
  const gaps = (check: (route: { method: string; url: string; doc: Document }, operation: Operation) => string | undefined): string[] =>
    apiRoutes.flatMap((route) => {
      const operation = operationOf(route);
      const gap = operation ? check(route, operation) : undefined;
      return gap ? [`${route.method} ${route.url}: ${gap}`] : [];
    });

  it('lists every route the app serves', () => {
    expect(apiRoutes.length).toBeGreaterThan(50);
    expect(apiRoutes.map((route) => `${route.method} ${route.url}`)).toEqual(expect.arrayContaining(['GET /v1/auth/oidc/start', 'GET /v1/auth/oidc/callback']));
    expect(apiRoutes.filter((route) => !operationOf(route)).map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it('names the request schema of every route that takes a body', () => {
    expect(
      gaps((route, operation) => {
        if (!BODY_METHODS.includes(route.method)) return undefined;
        const content = operation.requestBody?.content ?? {};
        // A JSON body names its schema; a file upload (no JSON form) names the shared FileUpload schema for its media types.
        const schema = (content['application/json'] ?? Object.values(content).find((media) => (media.schema as { $ref?: string } | undefined)?.$ref === '#/components/schemas/FileUpload'))?.schema as { $ref?: string } | undefined;
        if (!schema?.$ref) return 'no named request body schema';
        return route.doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ? undefined : `${schema.$ref} is not in components.schemas`;
      }),
    ).toEqual([]);
  });

  it('gives every route a success answer with a schema', () => {
    expect(
      gaps((route, operation) => {
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status) && status !== '204');
        // A success without a body: 204, or the redirect of a browser sign-in (302 to the provider and back).
        if (success.length === 0) return operation.responses?.['204'] || operation.responses?.['302'] ? undefined : 'no success response';
        const schemas = success.flatMap(([, response]) => Object.values(response.content ?? {}).map((media) => media.schema));
        if (schemas.length === 0 || schemas.some((schema) => !schema)) return 'a success response without a schema';
        const missing = schemas.map((schema) => (schema as { $ref?: string }).$ref).filter((ref) => ref && !route.doc.components.schemas[ref.replace('#/components/schemas/', '')]);
        return missing.length > 0 ? `${missing.join(', ')} not in components.schemas` : undefined;
      }),
    ).toEqual([]);
  });

  it('gives every route its problem+json refusals (400 for bodies, 401/403 unless public)', () => {
    expect(
      gaps((route, operation) => {
        const responses = operation.responses ?? {};
        const refusals = Object.entries(responses).filter(([status]) => /^4\d\d$/.test(status));
        if (refusals.length === 0) return 'no refusal documented';
        const notProblem = refusals.filter(([, response]) => (response.content?.['application/problem+json']?.schema as { $ref?: string } | undefined)?.$ref !== PROBLEM_REF);
        if (notProblem.length > 0) return `refusals ${notProblem.map(([s]) => s).join(', ')} are not application/problem+json Problem`;
        if (BODY_METHODS.includes(route.method) && !responses['400']) return 'a body route without 400';
        const isPublic = operation.security?.some((requirement) => Object.keys(requirement as object).length === 0);
        if (!isPublic && (!responses['401'] || !responses['403'])) return 'a signed-in route without 401 and 403';
        return undefined;
      }),
    ).toEqual([]);
  });

  it('documents every path parameter and a security requirement for every route', () => {
    expect(
      gaps((route, operation) => {
        const declared = new Set((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
        const missing = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]).filter((name) => !declared.has(name));
        if (missing.length > 0) return `path parameters not documented: ${missing.join(', ')}`;
        if (!Array.isArray(operation.security) || operation.security.length === 0) return 'no security requirement';
        return operation.summary ? undefined : 'no summary';
      }),
    ).toEqual([]);
  });

  it('is OpenAPI 3.1 with the shared Problem schema and both ways to sign in', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas['Problem']).toBeDefined();
    expect(Object.keys((doc.components as { securitySchemes?: object }).securitySchemes ?? {})).toEqual(expect.arrayContaining(['bearer', 'session']));
  });

  describe('real answers fit their schemas', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });

    const schemaOf = (method: string, url: string, status: number, media = 'application/json'): object => {
      const schema = doc.paths[url]?.[method]?.responses?.[String(status)]?.content?.[media]?.schema;
      if (!schema) throw new Error(`no ${status} ${media} schema for ${method} ${url}`);
      return { ...(schema as object), components: doc.components };
    };
    /** The operation's schema compiled with the document's components beside it, so that its `$ref`s resolve. */
    const fits = (schema: object, body: unknown): string[] => {
      const validate = ajv.compile(schema);
      return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
    };

    beforeAll(async () => {
      tokens = await callerTokens(t);
      await publishFixture(t, tokens);
    });

    /** The typed client of libs/contracts (the console's) over the test app; a refusal throws its status and problem. */
    const clientAs = (token: string | undefined) =>
      contractClient(async <T>(method: HttpMethod, url: string, body: unknown): Promise<T> => {
        const answer = await t.request(method, url, { token, ...(body !== undefined ? { body } : {}) });
        if (answer.status >= 400) throw Object.assign(new Error(`${answer.status} ${answer.body?.code}`), { status: answer.status, problem: answer.body as unknown });
        return answer.body as T;
      });

    it('a command answer, a budget, its tables and a problem', async () => {
      const B = '/v1/budgets/501/2024';
      const fixture = { department: '501', year: 2024 };
      const clerk502 = clientAs(await t.token('department', '502'));
      const opened = await clerk502.openDraft({ department: '502', year: 2024 }, { name: '某局', unitKind: '行政' });
      expect(fits(schemaOf('post', '/v1/budgets/{department}/{year}', 201), opened)).toEqual([]);
      const income = await clerk502.declareIncome({ department: '502', year: 2024 }, { source: '事业收入', amount: '100.00' });
      expect(income.events).toEqual(['IncomeDeclared']);
      expect(fits(schemaOf('post', '/v1/budgets/{department}/{year}/income', 200), income)).toEqual([]);

      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}', 200), await clientAs(tokens.finance).budget(fixture, { version: 1 }))).toEqual([]);
      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}', 200), await clientAs(tokens.departmentOwn).budget(fixture, { version: 'draft' }))).toEqual([]);
      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}', 200), await clientAs(undefined).budget(fixture))).toEqual([]);
      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}/history', 200), await clientAs(tokens.finance).history(fixture))).toEqual([]);

      let tables = await t.request('GET', `${B}/tables?version=1`);
      for (let i = 0; tables.status === 503 && i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        tables = await t.request('GET', `${B}/tables?version=1`);
      }
      expect(tables.status).toBe(200);
      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}/tables', 200), tables.body)).toEqual([]);
      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}/disclosure', 200), await clientAs(undefined).disclosure(fixture, { version: 1 }))).toEqual([]);

      const refused = await t.request('POST', `${B}/return`, { token: tokens.finance, body: {} });
      expect(refused.status).toBe(400);
      expect(fits(schemaOf('post', '/v1/budgets/{department}/{year}/return', 400, 'application/problem+json'), refused.body)).toEqual([]);
      const conflict = await t.request('POST', `${B}/approve`, { token: tokens.finance });
      expect(conflict.status).toBe(409);
      expect(fits(schemaOf('post', '/v1/budgets/{department}/{year}/approve', 409, 'application/problem+json'), conflict.body)).toEqual([]);
    });

    it('settings, review queue, rounds, project library and final accounts', async () => {
      const fixture = { department: '501', year: 2024 };
      const finance = clientAs(tokens.finance);
      const clerk = clientAs(tokens.departmentOwn);
      expect(fits(schemaOf('get', '/v1/budget-settings/{year}', 200), await finance.budgetSettings(2024))).toEqual([]);
      expect(fits(schemaOf('get', '/v1/review-queue', 200), await finance.reviewQueue({ year: 2024 }))).toEqual([]);
      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}/rounds', 200), await finance.rounds(fixture))).toEqual([]);
      const accounts = await finance.finalAccounts(fixture, { provisional: true });
      expect(accounts.status).toBe('provisional');
      expect(fits(schemaOf('get', '/v1/budgets/{department}/{year}/final-accounts', 200), accounts)).toEqual([]);
      expect(fits(schemaOf('get', '/v1/final-accounts/{year}', 200), await finance.countyFinalAccounts(2024))).toEqual([]);

      const proposed = await clerk.proposeLibraryProject('501', { code: 'LIB-CONTRACT-1', name: '信访信息化', functionalCode: '2010301', totalAmount: '100000.00', startYear: 2025, endYear: 2026 });
      expect(fits(schemaOf('post', '/v1/project-library/{department}', 201), proposed)).toEqual([]);
      expect(fits(schemaOf('get', '/v1/project-library/{department}/{code}', 200), await clerk.libraryProject('501', 'LIB-CONTRACT-1'))).toEqual([]);
      const returned = await finance.returnLibraryProject('501', 'LIB-CONTRACT-1', { reason: '请补充绩效指标' });
      expect(returned.status).toBe('returned');
      expect(fits(schemaOf('post', '/v1/project-library/{department}/{code}/return', 200), returned)).toEqual([]);
      expect(fits(schemaOf('get', '/v1/project-library', 200), await finance.libraryProjects({ after: returned.position }))).toEqual([]);
    });
  });
});
