import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The API answers JSON, files and printable HTML (disclosure.html, which carries its own inline <style>):
 * no scripts, frames, forms or other origins, ever.
 */
const API_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Swagger UI (/docs) and the queue dashboard (/admin/queues, reminders) are pages that load inline styles and scripts of their own. */
export const PAGE_PREFIXES = ['/docs', '/admin/queues'];

/**
 * A CSP for pages served from this origin (Swagger UI, the queue dashboard, the console): their own origin for
 * everything, no frames around them, no plugins; what differs is where scripts, styles, images and fonts may come from.
 */
export const pagePolicy = (sources: { script: string; style: string; img: string; font: string }): string =>
  [
    "default-src 'self'",
    `style-src ${sources.style}`,
    `script-src ${sources.script}`,
    `img-src ${sources.img}`,
    `font-src ${sources.font}`,
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

const PAGE_CSP = pagePolicy({ style: "'self' 'unsafe-inline'", script: "'self' 'unsafe-inline'", img: "'self' data: validator.swagger.io", font: "'self' data:" });

const isPage = (url: string): boolean => PAGE_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));

/**
 * Helmet's headers (HSTS, nosniff, frame options, referrer and cross-origin policies …; CSP aside), computed once:
 * they depend on the options alone, so running helmet's thirteen middlewares on every request bought nothing
 * (5-6 % of the api's CPU per command).
 */
export const helmetHeaders = (): Readonly<Record<string, string>> => {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let done = false;
  helmet({ contentSecurityPolicy: false })({} as IncomingMessage, response as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return Object.freeze(headers);
};

/**
 * Helmet's headers on every answer, set when the request comes (a route may still set its own); a strict CSP for the
 * API and the relaxed one only where the pages need it, set last, whatever the route set.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  const headers = helmetHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('content-security-policy', isPage(request.url) ? PAGE_CSP : API_CSP);
    done(null, payload);
  });
}
