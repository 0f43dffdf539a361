/** Settings of the security controls of issue 15 (timeouts, idempotency lease, retention, webhook targets). */
export interface SecurityConfig {
  /** An in-progress Idempotency-Key is taken over by a retry after this many seconds (`IDEMPOTENCY_LEASE_SECONDS`). */
  idempotencyLeaseSeconds: number;
  /** Answered Idempotency-Keys are deleted after this many days (`IDEMPOTENCY_RETENTION_DAYS`). */
  idempotencyRetentionDays: number;
  /** Security events are deleted after this many days (`SECURITY_EVENT_RETENTION_DAYS`). */
  securityEventRetentionDays: number;
  /** Host names, addresses or CIDRs webhooks may reach although private or loopback (`WEBHOOK_ALLOWED_HOSTS`, comma-separated). */
  webhookAllowedHosts: string[];
  /** Webhooks one audience may register at most (`WEBHOOKS_PER_AUDIENCE`). */
  webhooksPerAudience: number;
  http: {
    /** Whole request (headers and body) must arrive within this time (`HTTP_REQUEST_TIMEOUT_MS`). */
    requestTimeoutMs: number;
    /** A socket idle for this long is closed (`HTTP_CONNECTION_TIMEOUT_MS`). */
    connectionTimeoutMs: number;
    /** Idle keep-alive connections are closed after this time (`HTTP_KEEP_ALIVE_TIMEOUT_MS`). */
    keepAliveTimeoutMs: number;
    /** Open connections at most (`HTTP_MAX_CONNECTIONS`). */
    maxConnections: number;
    /** Requests served on one keep-alive connection at most (`HTTP_MAX_REQUESTS_PER_SOCKET`). */
    maxRequestsPerSocket: number;
  };
}

type Helpers = {
  integer(name: string, fallback: number, min: number, max: number): number;
  text(name: string): string | undefined;
  problems: string[];
};

const ALLOW_ENTRY = /^(?:[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:.]{2,45})(?:\/\d{1,3})?$/;

const allowedHosts = ({ text, problems }: Helpers): string[] => {
  const entries = (text('WEBHOOK_ALLOWED_HOSTS') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!ALLOW_ENTRY.test(entry)) problems.push(`WEBHOOK_ALLOWED_HOSTS 中的 "${entry}" 不是主机名、IP 地址或 CIDR (must be a host name, an address or a CIDR)`);
  }
  return entries;
};

export const loadSecurityConfig = (helpers: Helpers): SecurityConfig => ({
  webhookAllowedHosts: allowedHosts(helpers),
  webhooksPerAudience: helpers.integer('WEBHOOKS_PER_AUDIENCE', 10, 1, 1000),
  ...loadLimits(helpers),
});

const loadLimits = ({ integer }: Helpers): Omit<SecurityConfig, 'webhookAllowedHosts' | 'webhooksPerAudience'> => ({
  idempotencyLeaseSeconds: integer('IDEMPOTENCY_LEASE_SECONDS', 60, 1, 86_400),
  idempotencyRetentionDays: integer('IDEMPOTENCY_RETENTION_DAYS', 2, 1, 3650),
  securityEventRetentionDays: integer('SECURITY_EVENT_RETENTION_DAYS', 90, 1, 3650),
  http: {
    requestTimeoutMs: integer('HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    connectionTimeoutMs: integer('HTTP_CONNECTION_TIMEOUT_MS', 60_000, 100, 3_600_000),
    keepAliveTimeoutMs: integer('HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 3_600_000),
    maxConnections: integer('HTTP_MAX_CONNECTIONS', 2_000, 1, 1_000_000),
    maxRequestsPerSocket: integer('HTTP_MAX_REQUESTS_PER_SOCKET', 1_000, 0, 1_000_000),
  },
});
