import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may point (SSRF guard). Only public unicast addresses: loopback, private (10/8, 172.16/12,
 * 192.168/16), carrier-grade NAT, link-local (169.254/16 — cloud metadata — and fe80::/10), IPv6 unique local
 * (fc00::/7), unspecified, multicast, broadcast and reserved ranges are refused, IPv4-mapped IPv6 judged as its
 * IPv4. Numeric host forms (`http://2130706433/`, `0x7f.1`, `0177.0.0.1`) are normalised by the WHATWG URL
 * parser to dotted IPv4 first, so they meet the same check. URLs with `user:pass@` are refused.
 *
 * The operator's allow-list (`WEBHOOK_ALLOWED_HOSTS`: host names, addresses or CIDRs, comma-separated) lets
 * closed networks and tests deliver to hosts that would otherwise be refused.
 */
export interface WebhookAllowList {
  hosts: ReadonlySet<string>;
  ranges: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export type WebhookTargetRefusal = { code: 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_CREDENTIALS' | 'WEBHOOK_HOST_NOT_ALLOWED'; message: string };

export const parseWebhookAllowList = (entries: readonly string[]): WebhookAllowList => {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const raw of entries.map((entry) => entry.trim()).filter(Boolean)) {
    if (raw.includes('/')) ranges.push(ipaddr.parseCIDR(raw));
    else if (ipaddr.isValid(raw)) {
      const address = ipaddr.parse(raw);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else hosts.add(raw.toLowerCase());
  }
  return { hosts, ranges };
};

const unwrap = (address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 =>
  address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;

const inAllowList = (address: ipaddr.IPv4 | ipaddr.IPv6, allow: WebhookAllowList): boolean =>
  allow.ranges.some(([range, bits]) => {
    const candidate = unwrap(address);
    const base = unwrap(range);
    return candidate.kind() === base.kind() && candidate.match(base as never, bits);
  });

/** True when `address` (a literal IPv4 or IPv6) may receive webhooks. */
export const isAllowedAddress = (literal: string, allow: WebhookAllowList): boolean => {
  if (!ipaddr.isValid(literal)) return false;
  const address = unwrap(ipaddr.parse(literal));
  if (inAllowList(address, allow)) return true;
  return address.range() === 'unicast';
};

/** `[::1]` → `::1`; `Example.org.` → `example.org` (a trailing dot names the same host). */
const bareHost = (hostname: string): string => hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();

/** The checks that need no DNS: at registration, and again before every delivery. */
export const checkWebhookUrl = (raw: string, allow: WebhookAllowList): WebhookTargetRefusal | undefined => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'WEBHOOK_URL_INVALID', message: '应为 http(s) 地址' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { code: 'WEBHOOK_URL_INVALID', message: '应为 http(s) 地址' };
  if (url.username !== '' || url.password !== '') return { code: 'WEBHOOK_URL_CREDENTIALS', message: '地址不能包含用户名或密码（user:pass@）；请用签名密钥验证来源' };
  const host = bareHost(url.hostname);
  if (allow.hosts.has(host)) return undefined;
  if (ipaddr.isValid(host)) {
    return isAllowedAddress(host, allow) ? undefined : { code: 'WEBHOOK_HOST_NOT_ALLOWED', message: `不能向内网、本机或保留地址 ${host} 推送（可由管理员加入 WEBHOOK_ALLOWED_HOSTS）` };
  }
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
    return { code: 'WEBHOOK_HOST_NOT_ALLOWED', message: `不能向本机或内网主机名 ${host} 推送（可由管理员加入 WEBHOOK_ALLOWED_HOSTS）` };
  }
  return undefined;
};

export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * The delivery-time check: the URL checks again, then every address its host resolves to (dns.lookup, all of
 * them) must be allowed; the connection goes to the address checked here, so a DNS answer that changes between
 * check and connect (rebinding) cannot redirect it.
 */
export type LookupAll = (host: string) => Promise<Array<{ address: string; family: number }>>;

const lookupAll: LookupAll = (host) => lookup(host, { all: true, verbatim: true });

export const resolveWebhookTarget = async (raw: string, allow: WebhookAllowList, resolve: LookupAll = lookupAll): Promise<ResolvedTarget> => {
  const refusal = checkWebhookUrl(raw, allow);
  if (refusal) throw new Error(`${refusal.code}: ${refusal.message}`);
  const url = new URL(raw);
  const host = bareHost(url.hostname);
  if (ipaddr.isValid(host)) return { url, address: host, family: ipaddr.parse(host).kind() === 'ipv4' ? 4 : 6 };
  const addresses = await resolve(host);
  if (addresses.length === 0) throw new Error(`WEBHOOK_HOST_UNRESOLVED: ${host}`);
  if (!allow.hosts.has(host)) {
    const refused = addresses.find((entry) => !isAllowedAddress(entry.address, allow));
    if (refused) throw new Error(`WEBHOOK_HOST_NOT_ALLOWED: ${host} resolves to ${refused.address}`);
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
};
