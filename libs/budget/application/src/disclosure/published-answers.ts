import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoundedCache } from '@budgetflow/platform';

/** `GET /v1/budgets/{department}/{year}/tables?version={n}`, nothing else in the query. */
const NAMED_VERSION_TABLES = /^\/v1\/budgets\/([0-9A-Za-z]{1,32})\/(\d{4})\/tables\?version=(\d{1,6})$/;

interface PublishedAnswer {
  etag: string;
  /** The headers the routed answer carried (security headers, cache control …), replayed as they were. */
  headers: Record<string, string>;
  body: string;
}

/** Headers of one exchange, not of the answer: never replayed. */
const PER_REQUEST = /^(x-request-id|date|content-length|connection|keep-alive|set-cookie|access-control-.*|x-ratelimit-.*|retry-after)$/i;

/** The headers of a routed answer worth replaying for the same bytes. */
export const replayableHeaders = (headers: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !PER_REQUEST.test(name)).map(([name, value]) => [name, String(value)]));

/**
 * The nine tables of published versions asked for by number, as the bytes the route answered (a published version
 * never changes and is public: the same bytes for every caller). Kept newest first up to 64 MB of answers.
 */
const answers = new BoundedCache<PublishedAnswer>(64 * 1024 * 1024, (answer) => answer.body.length * 2 + 256);

/** Whether an `If-None-Match` header names `etag` (strong or weak form, or `*`). */
export const ifNoneMatchHits = (header: string | undefined, etag: string): boolean =>
  header !== undefined && header.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim()));

const keyOf = (department: string, fiscalYear: number | string, version: number | string): string => `${department}/${fiscalYear}/${version}`;

/** Called by the tables route once it has answered a published version named by its number. */
export function rememberPublishedTables(department: string, fiscalYear: number, version: number, answer: { headers: Record<string, unknown>; body: string }): void {
  const headers = replayableHeaders(answer.headers);
  const etag = headers['etag'];
  if (etag) answers.set(keyOf(department, fiscalYear, version), { etag, headers, body: answer.body });
}

/**
 * The shortest path for the hottest public read (publication day): a named published version's nine tables
 * answered from memory before routing, middleware, guards, interceptors and request logging, like a reverse
 * proxy's cache hit — 304 on `If-None-Match`, else the stored bytes — with the headers the routed answer carried
 * (its strong ETag, `Cache-Control: public`, the security headers). Anything else (drafts, other queries, a
 * cross-origin request, versions this process has not answered yet) goes the ordinary way. True when it answered.
 */
export function answerPublishedTablesFromMemory(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== 'GET' || request.headers.origin !== undefined) return false;
  const match = NAMED_VERSION_TABLES.exec(request.url);
  if (!match) return false;
  const answer = answers.get(keyOf(match[1]!, match[2]!, match[3]!));
  if (!answer) return false;
  void reply.headers(answer.headers).header('x-request-id', request.id);
  if (ifNoneMatchHits(request.headers['if-none-match'], answer.etag)) {
    void reply.status(304).send();
    return true;
  }
  void reply.send(answer.body);
  return true;
}
