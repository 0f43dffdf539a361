import type { FastifyInstance } from 'fastify';

/** One route the running app serves, as Fastify registered it (`/v1/budgets/:department/:year`). */
export interface RouteEntry {
  method: string;
  url: string;
}

const tables = new WeakMap<object, RouteEntry[]>();

/**
 * Records every route registered from now on (Nest controllers, /docs, plugins) — the security tests walk this
 * list, so a new route cannot slip past the authorization matrix. HEAD/OPTIONS twins are Fastify's own.
 */
export function recordRoutes(fastify: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  tables.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      if (!routes.some((known) => known.method === method && known.url === route.url)) routes.push({ method, url: route.url });
    }
  });
}

/** The routes of an app built by `createApp` (sorted by url, then method). */
export function routeTable(fastify: FastifyInstance): RouteEntry[] {
  const routes = tables.get(fastify);
  if (!routes) throw new Error('routeTable: this Fastify instance was not built by createApp');
  return [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}
