import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoundedCache } from '@budgetflow/platform';

/** `GET /v1/budgets/{department}/{year}/tables?version={n}`, nothing else in the query. */
const NAMED_VERSION_TABLES = /^\/v1\/budgets\/([0-9A-Za-z]{1,32})\/(\d{4})\/tables\?version=(\d{1,6})$/;

interface PublishedAnswer {
  etag: string;
  cacheControl: string;
  body: string;
}

/**
 * The nine tables of published versions asked for by number, as the bytes the route answered (a published version
 * never changes and is public: the same bytes for every caller). Kept newest first up to 64 MB of answers.
 */
const answers = new BoundedCache<PublishedAnswer>(64 * 1024 * 1024, (answer) => answer.body.length * 2 + 256);

const keyOf = (department: string, fiscalYear: number | string, version: number | string): string => `${department}/${fiscalYear}/${version}`;

/** Called by the tables route once it has answered a published version named by its number. */
export function rememberPublishedTables(department: string, fiscalYear: number, version: number, answer: PublishedAnswer): void {
  answers.set(keyOf(department, fiscalYear, version), answer);
}

/**
 * The shortest path for the hottest public read (publication day): a named published version's nine tables
 * answered from memory before routing, guards, interceptors and request logging — 304 on `If-None-Match`, else
 * the stored bytes with their strong ETag and `Cache-Control: public`. Anything else (drafts, other queries,
 * versions this process has not answered yet) goes the ordinary way. Returns true when it answered.
 */
export function answerPublishedTablesFromMemory(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== 'GET') return false;
  const match = NAMED_VERSION_TABLES.exec(request.url);
  if (!match) return false;
  const answer = answers.get(keyOf(match[1]!, match[2]!, match[3]!));
  if (!answer) return false;
  void reply.header('etag', answer.etag).header('cache-control', answer.cacheControl).header('vary', 'authorization');
  const match304 = request.headers['if-none-match'];
  if (match304 !== undefined && match304.split(',').some((tag) => [answer.etag, `W/${answer.etag}`, '*'].includes(tag.trim()))) {
    void reply.status(304).send();
    return true;
  }
  void reply.header('content-type', 'application/json; charset=utf-8').send(answer.body);
  return true;
}
