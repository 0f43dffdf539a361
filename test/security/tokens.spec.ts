import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type KeyLike } from 'jose';
import { InvalidTokenError, localTokenVerifier, mintLocalToken, oidcTokenVerifier } from '@budgetflow/platform';
import { useTestApp } from '../support/test-app';

/**
 * Production tokens come from an OIDC issuer's JWKS; the embedded default signs its own with a local ES256 key.
 * Either way a token must be signed by the right key with an asymmetric algorithm, for this issuer and audience,
 * and unexpired — anything else is 401 problem+json `UNAUTHENTICATED`.
 */

const ISSUER = 'https://id.county.example/realms/budget';
const AUDIENCE = 'budgetflow-api';
const KID = 'county-key-1';
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Issuer {
  url: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  server: Server;
  sign(claims?: Record<string, unknown>, options?: { issuer?: string; audience?: string; exp?: number; key?: KeyLike; kid?: string }): Promise<string>;
}

/** A tiny OIDC issuer: an RS256 key pair and its JWKS served over HTTP on a free port. */
async function startIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
  const server = createServer((request, response) => {
    if (request.url === '/jwks') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  return {
    url,
    privateKey,
    publicKey,
    server,
    sign: (claims = {}, options = {}) =>
      new SignJWT({ role: 'finance', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'JWT' })
        .setSubject('finance-zhang')
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.exp ?? now() + 600)
        .sign(options.key ?? privateKey),
  };
}

/** Hostile and broken tokens, each with what is wrong with it. */
async function badTokens(issuer: Issuer): Promise<Array<[string, string]>> {
  const good = await issuer.sign();
  const [header, payload, signature] = good.split('.');
  const otherKey = (await generateKeyPair('RS256')).privateKey;
  // Flip a character in the middle of the signature (the last one may only change padding bits).
  const middle = Math.floor(signature.length / 2);
  const tampered = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
  const elevated = b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' });
  const claims = { sub: 'finance-zhang', role: 'finance', iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 600 };
  // The classic confusion: an HMAC "signed" with the issuer's public key (which everybody can fetch).
  const publicPem = await exportSPKI(issuer.publicKey);
  const hs256 = await new SignJWT({ role: 'finance' })
    .setProtectedHeader({ alg: 'HS256', kid: KID, typ: 'JWT' })
    .setSubject('finance-zhang')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime(now() + 600)
    .sign(new TextEncoder().encode(publicPem));
  return [
    ['expired', await issuer.sign({}, { exp: now() - 120 })],
    ['wrong issuer', await issuer.sign({}, { issuer: 'https://evil.example/' })],
    ['wrong audience', await issuer.sign({}, { audience: 'another-api' })],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
    ['alg none with a kid', `${b64({ alg: 'none', kid: KID, typ: 'JWT' })}.${b64(claims)}.`],
    ['tampered signature', `${header}.${payload}.${tampered}`],
    ['payload changed after signing (role → admin)', `${header}.${elevated}.${signature}`],
    ['HS256 signed with the public key', hs256],
    ['signed by another key under the same kid', await issuer.sign({}, { key: otherKey })],
    ['no role', await issuer.sign({ role: undefined })],
    ['unknown role', await issuer.sign({ role: 'root' })],
    ['department role without a department', await issuer.sign({ role: 'department' })],
    ['not a JWT at all', 'abc.def'],
  ];
}

describe('OIDC tokens (JWKS of a local issuer)', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => new Promise<void>((resolve) => issuer.server.close(() => resolve())));

  it('the verifier accepts a good token and names the actor from its claims', async () => {
    const verifier = oidcTokenVerifier(ISSUER, AUDIENCE, issuer.url);
    await expect(verifier.verify(await issuer.sign())).resolves.toEqual({ userId: 'finance-zhang', role: 'finance' });
    await expect(verifier.verify(await issuer.sign({ role: 'department', department: '501' }))).resolves.toEqual({ userId: 'finance-zhang', role: 'department', department: '501' });
  });

  it('the verifier refuses every bad token with InvalidTokenError', async () => {
    const verifier = oidcTokenVerifier(ISSUER, AUDIENCE, issuer.url);
    const accepted: string[] = [];
    for (const [what, token] of await badTokens(issuer)) {
      const outcome = await verifier.verify(token).then(
        () => 'accepted',
        (error: unknown) => (error instanceof InvalidTokenError ? 'refused' : `threw ${(error as Error).name}`),
      );
      if (outcome !== 'refused') accepted.push(`${what}: ${outcome}`);
    }
    expect(accepted).toEqual([]);
  });

  it('reads role and department from the claims the county names (a dotted path, a role list holding one of ours)', async () => {
    const verifier = oidcTokenVerifier(ISSUER, AUDIENCE, issuer.url, { role: 'realm_access.roles', department: 'bf_dept' });
    const clerk = await issuer.sign({ role: undefined, realm_access: { roles: ['offline_access', 'department'] }, bf_dept: '501' });
    await expect(verifier.verify(clerk)).resolves.toEqual({ userId: 'finance-zhang', role: 'department', department: '501' });
    // Two of our roles at once names none; a role outside ours names none; the default claim is not read.
    for (const claims of [{ realm_access: { roles: ['finance', 'admin'] } }, { realm_access: { roles: ['mayor'] } }, { role: 'finance' }]) {
      await expect(verifier.verify(await issuer.sign({ role: undefined, ...claims }))).rejects.toBeInstanceOf(InvalidTokenError);
    }
    await expect(verifier.verify(await issuer.sign({ role: undefined, realm_access: { roles: ['department'] } }))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  describe('through the app with AUTH_ROLE_CLAIM / AUTH_DEPARTMENT_CLAIM', () => {
    const t = useTestApp(() => ({ AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: issuer.url, AUTH_ROLE_CLAIM: 'bf_role', AUTH_DEPARTMENT_CLAIM: 'bf_dept' }));

    it('a clerk of the provider acts on their own department only; the default claim names are not read', async () => {
      const clerk = await issuer.sign({ role: undefined, bf_role: 'department', bf_dept: '501' });
      const profile = { name: '馆陶县信访局', unitKind: '行政' };
      expect((await t.request('POST', '/v1/budgets/501/2024', { token: clerk, body: profile })).status).toBe(201);
      const other = await t.request('POST', '/v1/budgets/502/2024', { token: clerk, body: profile });
      expect([other.status, other.body.code]).toEqual([403, 'OTHER_DEPARTMENT']);
      expect((await t.request('GET', '/v1/catalogs/2024', { token: await issuer.sign({ role: 'finance' }) })).status).toBe(401);
    });
  });

  describe('through the app configured with AUTH_ISSUER / AUTH_AUDIENCE / AUTH_JWKS_URL', () => {
    const t = useTestApp(() => ({ AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_URL: issuer.url }));

    it('a good token → 200', async () => {
      const response = await t.request('GET', '/v1/catalogs/2024', { token: await issuer.sign() });
      expect(response.status).toBe(200);
    });

    it('each bad token → 401 problem+json UNAUTHENTICATED, and the token is not echoed', async () => {
      const wrong: string[] = [];
      for (const [what, token] of await badTokens(issuer)) {
        const response = await t.request('GET', '/v1/catalogs/2024', { token });
        const ok =
          response.status === 401 &&
          response.body?.code === 'UNAUTHENTICATED' &&
          String(response.headers['content-type']).startsWith('application/problem+json') &&
          !response.text.includes(token);
        if (!ok) wrong.push(`${what}: ${response.status} ${response.text.slice(0, 120)}`);
      }
      expect(wrong).toEqual([]);
    });

    it('a token of the embedded local key is refused when an issuer is configured', async () => {
      const response = await t.request('GET', '/v1/catalogs/2024', { token: await t.token('admin') });
      expect(response.status).toBe(401);
    });

    it('the demo sign-in of the embedded default does not exist', async () => {
      const response = await t.request('POST', '/v1/dev/demo-token', { body: { role: 'finance' } });
      expect(response.status).toBe(404);
    });
  });
});

describe('local tokens (the embedded default)', () => {
  const t = useTestApp();

  it('a token of the local key → 200; tokens of another key, expired, for another audience or alg none → 401', async () => {
    expect((await t.request('GET', '/v1/catalogs/2024', { token: await t.token('supervisor') })).status).toBe(200);

    const stranger = await generateKeyPair('ES256');
    const foreign = await mintLocalToken(stranger.privateKey, { role: 'admin', audience: 'budgetflow' });
    const own = await t.token('admin');
    const [, payload] = own.split('.');
    const expiredClaims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp: now() - 60 };
    const cases: Array<[string, string]> = [
      ['another ES256 key', foreign],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(expiredClaims)}.`],
      ['expired claims under the old signature', `${own.split('.')[0]}.${b64(expiredClaims)}.${own.split('.')[2]}`],
    ];
    for (const [what, token] of cases) {
      const response = await t.request('GET', '/v1/catalogs/2024', { token });
      expect({ what, status: response.status, code: response.body?.code }).toEqual({ what, status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('the local verifier refuses an expired token and one for another audience', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const verifier = localTokenVerifier(publicKey, 'budgetflow');
    await expect(verifier.verify(await mintLocalToken(privateKey, { role: 'finance', audience: 'budgetflow' }))).resolves.toMatchObject({ role: 'finance' });
    await expect(verifier.verify(await mintLocalToken(privateKey, { role: 'finance', audience: 'elsewhere' }))).rejects.toBeInstanceOf(InvalidTokenError);
    const expired = await new SignJWT({ role: 'finance' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('f')
      .setIssuer('budgetflow-local')
      .setAudience('budgetflow')
      .setExpirationTime(now() - 1)
      .sign(privateKey);
    await expect(verifier.verify(expired)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('the Bearer scheme is case-insensitive (RFC 7235): bearer and BEARER sign in like Bearer', async () => {
    const token = await t.token('admin', undefined, 'admin-case');
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const response = await t.request('GET', '/v1/catalogs/2024', { headers: { authorization: `${scheme} ${token}` } });
      expect([scheme, response.status]).toEqual([scheme, 200]);
    }
    expect((await t.request('GET', '/v1/catalogs/2024', { headers: { authorization: 'bearer garbage.token.here' } })).status).toBe(401);
  });

  it('no token, or not a Bearer header → 401 on a protected route; a public route still checks a token sent', async () => {
    expect((await t.request('GET', '/v1/catalogs/2024')).status).toBe(401);
    expect((await t.request('GET', '/v1/catalogs/2024', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } })).body.code).toBe('UNAUTHENTICATED');
    expect((await t.request('GET', '/v1/budgets/501/2024', { token: 'garbage.token.here' })).status).toBe(401);
  });
});
