import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook bodies are signed like Stripe's: `X-Budgetflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the endpoint's secret>`. Receivers recompute it and reject old timestamps.
 */
export const SIGNATURE_HEADER = 'x-budgetflow-signature';

export const signWebhookBody = (secret: string, body: string, unixSeconds: number): string =>
  `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;

/** True when `header` is a valid signature of `body` under `secret`. */
export const verifyWebhookSignature = (secret: string, body: string, header: string): boolean => {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = Buffer.from(signWebhookBody(secret, body, Number(match[1])).split('v1=')[1], 'hex');
  const given = Buffer.from(match[2], 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
};
