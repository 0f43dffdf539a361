import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventMetadata } from '@budgetflow/event-store';
import { type Actor, httpProblem } from '../http';
import { domainActor, eventMetadata, expectedVersionFrom } from '../request/request-context';
import { RequestReader } from '../request/request-reader';

/**
 * What every command route starts from, read off the HTTP request once: the verified caller, the `If-Match`
 * version, the body, and how the request's events will be stamped. `answer` sends the new stream version as ETag.
 */
export interface CommandInput {
  actor: Actor;
  /** `If-Match` → the version the caller last saw; undefined without the header. */
  ifMatch: number | undefined;
  /** The JSON body read field by field (unknown fields refused at `done()`). */
  body: RequestReader;
  rawBody: unknown;
  params: Record<string, string>;
  /** The request's path without its query (`/v1/budgets/501/2024/basic-lines`): where a created resource lives below. */
  path: string;
  /** The metadata of this request's events: who, from where, why, when (`now` from the injected clock). */
  metadata(now: Date, reason?: string): EventMetadata;
  answer<T extends { version: number }>(outcome: T): T;
  /** Answers a create: the new resource's id under `key` and its `location` (also as the Location header). */
  created<T extends { version: number }, K extends string>(outcome: T, key: K, id: string): T & Record<K, string> & { location: string };
}

export const commandInputOf = (request: FastifyRequest & { actor?: Actor }, reply: FastifyReply): CommandInput => {
  const actor = request.actor;
  if (!actor) throw httpProblem('UNAUTHENTICATED', '缺少 Authorization: Bearer 令牌');
  const ifMatch = expectedVersionFrom(request);
  return {
    actor: domainActor(actor),
    ifMatch,
    body: RequestReader.of(request.body ?? {}),
    rawBody: request.body,
    params: (request.params ?? {}) as Record<string, string>,
    metadata: (now, reason) => eventMetadata(request, actor, now, reason),
    path: (request.url ?? '').split('?')[0],
    answer: (outcome) => {
      void reply.header('etag', `"${outcome.version}"`);
      return outcome;
    },
    created: (outcome, key, id) => {
      const location = `${(request.url ?? '').split('?')[0]}/${encodeURIComponent(id)}`;
      void reply.header('etag', `"${outcome.version}"`).header('location', location);
      return { ...outcome, [key]: id, location } as typeof outcome & Record<typeof key, string> & { location: string };
    },
  };
};

/** `@Input() input: CommandInput` on a command route. */
export const Input = createParamDecorator((_: unknown, context: ExecutionContext): CommandInput => {
  const http = context.switchToHttp();
  return commandInputOf(http.getRequest(), http.getResponse());
});

/**
 * A command input as a route would get it, without an HTTP server: for use-case specs that run a route's method
 * directly (given events → when request → then answer and new events). `headers` collects what the answer set.
 */
export const commandInputFor = (request: { actor: Actor; url: string; params?: Record<string, string>; body?: unknown; headers?: Record<string, string> }) => {
  const headers: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => ((headers[name] = value), reply) };
  const fake = { id: 'req-1', ip: '127.0.0.1', method: 'POST', headers: request.headers ?? {}, ...request } as unknown as FastifyRequest & { actor: Actor };
  return { input: commandInputOf(fake, reply as unknown as FastifyReply), headers };
};
