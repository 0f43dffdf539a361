/**
 * The peer: the same propose-basic-line command built the way a team would build it with Emmett
 * (`@event-driven-io/emmett` + `@event-driven-io/emmett-postgresql`), behind a bare Fastify route with what a
 * real service needs in front of it — an ES256 bearer token check (verified tokens cached), department
 * authorization, a JSON schema and If-Match. Run as its own process by `emmett.bench.ts`:
 *   PEER_MODE=handler  Emmett's `CommandHandler` as documented (read and fold the stream on every command);
 *   PEER_MODE=cached   Emmett's store with a per-stream fold cache (decide from the cached state, append with the
 *                      cached version as expected version; on a conflict read the stream again and retry).
 * Env: PEER_DATABASE_URL (with its search_path), PEER_PORT, PEER_PUBLIC_JWK, PEER_AUDIENCE, PEER_CATALOG (JSON).
 */
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { type JWTPayload, type KeyLike, importJWK, jwtVerify } from 'jose';
import { CommandHandler, type Event, ExpectedVersionConflictError, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';

type BudgetOpened = Event<'BudgetOpened', { department: string; fiscalYear: number; name: string; unitKind: string }>;
type BasicLineProposed = Event<'BasicLineProposed', { line: { lineId: string; functionalCode: string; economicCode: string; fundSource: string; amount: string } }>;
type BudgetEvent = BudgetOpened | BasicLineProposed;

interface Budget {
  opened: boolean;
  lines: number;
  total: Decimal;
}

const initialState = (): Budget => ({ opened: false, lines: 0, total: new Decimal(0) });

const evolve = (state: Budget, event: BudgetEvent): Budget => {
  switch (event.type) {
    case 'BudgetOpened':
      return { ...state, opened: true };
    case 'BasicLineProposed':
      return { ...state, lines: state.lines + 1, total: state.total.plus(event.data.line.amount) };
  }
};

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ProposeLine {
  functionalCode: string;
  economicCode: string;
  fundSource: string;
  amount: string;
}

const catalog = JSON.parse(process.env['PEER_CATALOG'] ?? '{"functional":[],"economic":[]}') as { functional: Array<{ code: string }>; economic: Array<{ code: string }> };
const functionalCodes = new Set(catalog.functional.map((entry) => entry.code));
const economicCodes = new Set(catalog.economic.map((entry) => entry.code));

const decideProposeLine = (state: Budget, command: ProposeLine): BasicLineProposed => {
  if (!state.opened) throw new Refusal(409, 'BUDGET_NOT_OPENED', '预算尚未建立');
  if (!functionalCodes.has(command.functionalCode)) throw new Refusal(422, 'FUNCTIONAL_CODE_UNKNOWN', `功能分类 ${command.functionalCode} 不在本年度目录中`);
  if (!economicCodes.has(command.economicCode)) throw new Refusal(422, 'ECONOMIC_CODE_UNKNOWN', `经济分类 ${command.economicCode} 不在本年度目录中`);
  const amount = new Decimal(command.amount);
  if (amount.lte(0)) throw new Refusal(422, 'AMOUNT_NOT_POSITIVE', '金额应大于零');
  return { type: 'BasicLineProposed', data: { line: { lineId: randomUUID(), ...command, amount: amount.toFixed(2) } } };
};

const decideOpen = (state: Budget, department: string, fiscalYear: number, body: { name: string; unitKind: string }): BudgetOpened[] =>
  state.opened ? [] : [{ type: 'BudgetOpened', data: { department, fiscalYear, ...body } }];

const store = getPostgreSQLEventStore(process.env['PEER_DATABASE_URL']!, { schema: { autoMigration: 'CreateOrUpdate' } });
const handle = CommandHandler<Budget, BudgetEvent>({ evolve, initialState });
const cached = process.env['PEER_MODE'] === 'cached';
/** PEER_MODE=cached: the fold of each stream this process wrote or read, with its version. */
const folds = new Map<string, { state: Budget; version: bigint }>();

/** Decide and append: the documented `CommandHandler`, or the cached fold with a retry on conflict. */
async function run(streamId: string, decide: (state: Budget) => BudgetEvent[], expected: bigint | undefined): Promise<{ version: bigint; events: BudgetEvent[] }> {
  if (!cached) {
    const result = await handle(store, streamId, decide, expected === undefined ? {} : { expectedStreamVersion: expected });
    return { version: result.nextExpectedStreamVersion, events: result.newEvents };
  }
  for (let attempt = 0; ; attempt++) {
    let fold = folds.get(streamId);
    if (!fold || attempt > 0) {
      const read = await store.aggregateStream<Budget, BudgetEvent>(streamId, { evolve, initialState });
      fold = { state: read.state, version: read.currentStreamVersion };
      folds.set(streamId, fold);
    }
    if (expected !== undefined && expected !== fold.version) {
      if (attempt === 0) continue; // the cache may be behind another writer: read once before refusing
      throw new ExpectedVersionConflictError(fold.version, expected);
    }
    const events = decide(fold.state);
    if (events.length === 0) return { version: fold.version, events };
    try {
      const appended = await store.appendToStream(streamId, events, { expectedStreamVersion: fold.version === 0n ? STREAM_DOES_NOT_EXIST : fold.version });
      folds.set(streamId, { state: events.reduce(evolve, fold.state), version: appended.nextExpectedStreamVersion });
      return { version: appended.nextExpectedStreamVersion, events };
    } catch (error) {
      if (!(error instanceof ExpectedVersionConflictError) || attempt >= 3) throw error;
    }
  }
}

let publicKey: KeyLike | Uint8Array;
const audience = process.env['PEER_AUDIENCE'] ?? 'budgetflow';
/** Verified tokens until they expire (bounded): the usual cache in front of ES256 verification. */
const verified = new Map<string, JWTPayload>();

async function caller(request: FastifyRequest): Promise<JWTPayload> {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) throw new Refusal(401, 'UNAUTHENTICATED', '缺少 Authorization: Bearer 令牌');
  const token = header.slice(7);
  const known = verified.get(token);
  if (known && (known.exp ?? 0) * 1000 > Date.now()) return known;
  try {
    const { payload } = await jwtVerify(token, publicKey, { audience, algorithms: ['ES256'] });
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, payload);
    return payload;
  } catch {
    throw new Refusal(401, 'TOKEN_INVALID', '令牌无效或已过期');
  }
}

const ifMatch = (request: FastifyRequest): bigint | undefined => {
  const value = request.headers['if-match'];
  if (value === undefined) return undefined;
  const match = /^"?(\d{1,18})"?$/.exec(String(value).trim());
  if (!match) throw new Refusal(400, 'IF_MATCH_INVALID', 'If-Match 应为流版本号');
  return BigInt(match[1]!);
};

type Params = { department: string; year: string };

async function authorize(request: FastifyRequest<{ Params: Params }>): Promise<{ department: string; fiscalYear: number; streamId: string }> {
  const claims = await caller(request);
  const { department, year } = request.params;
  if (claims['role'] !== 'department' || claims['department'] !== department) throw new Refusal(403, 'FORBIDDEN', '只能操作本部门的预算');
  const fiscalYear = Number(year);
  return { department, fiscalYear, streamId: `budget-${department}-${fiscalYear}` };
}

const answerRefusal = (reply: FastifyReply, error: unknown): FastifyReply => {
  if (error instanceof Refusal) return reply.status(error.status).type('application/problem+json').send({ status: error.status, code: error.code, title: error.message });
  if (error instanceof ExpectedVersionConflictError) return reply.status(412).type('application/problem+json').send({ status: 412, code: 'VERSION_CONFLICT', title: '预算已被他人修改，请刷新后重试' });
  throw error;
};

const PARAMS = { type: 'object', required: ['department', 'year'], properties: { department: { type: 'string', pattern: '^[0-9A-Za-z-]{1,32}$' }, year: { type: 'string', pattern: '^20[0-9]{2}$' } } } as const;

async function main(): Promise<void> {
  publicKey = await importJWK(JSON.parse(process.env['PEER_PUBLIC_JWK']!), 'ES256');
  await store.schema.migrate();
  const app = Fastify({ logger: false });

  app.post<{ Params: Params; Body: { name: string; unitKind: string } }>(
    '/v1/budgets/:department/:year',
    {
      schema: {
        params: PARAMS,
        body: { type: 'object', additionalProperties: false, required: ['name', 'unitKind'], properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, unitKind: { enum: ['行政', '参公', '事业'] } } },
      },
    },
    async (request, reply) => {
      try {
        const { department, fiscalYear, streamId } = await authorize(request);
        const result = await run(streamId, (state) => decideOpen(state, department, fiscalYear, request.body), ifMatch(request));
        return reply.status(result.events.length > 0 ? 201 : 200).header('etag', `"${result.version}"`).send({ streamId, version: Number(result.version) });
      } catch (error) {
        return answerRefusal(reply, error);
      }
    },
  );

  app.post<{ Params: Params; Body: ProposeLine }>(
    '/v1/budgets/:department/:year/basic-lines',
    {
      schema: {
        params: PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['functionalCode', 'economicCode', 'fundSource', 'amount'],
          properties: {
            functionalCode: { type: 'string', pattern: '^[0-9]{3,7}$' },
            economicCode: { type: 'string', pattern: '^[0-9]{3,5}$' },
            fundSource: { type: 'string', minLength: 1, maxLength: 50 },
            amount: { type: 'string', pattern: '^[0-9]{1,15}(\\.[0-9]{1,2})?$' },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        const { streamId } = await authorize(request);
        const result = await run(streamId, (state) => [decideProposeLine(state, request.body)], ifMatch(request));
        const line = (result.events[0] as BasicLineProposed).data.line;
        return reply
          .status(201)
          .header('etag', `"${result.version}"`)
          .header('location', `${request.url}/${line.lineId}`)
          .send({ lineId: line.lineId, streamId, version: Number(result.version), location: `${request.url}/${line.lineId}` });
      } catch (error) {
        return answerRefusal(reply, error);
      }
    },
  );

  await app.listen({ host: '127.0.0.1', port: Number(process.env['PEER_PORT']) });
  process.stdout.write('up');
  const stop = (): void => void app.close().then(() => store.close()).finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
