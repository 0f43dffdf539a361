import { createHash } from 'node:crypto';
import { type JWTPayload, createRemoteJWKSet, jwtVerify } from 'jose';

/** The parts of the issuer's discovery document the console's sign-in uses. */
export interface OidcDiscovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export class OidcSignInError extends Error {
  constructor(
    readonly code: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'OidcSignInError';
  }
}

/** S256 code challenge of a PKCE verifier (RFC 7636). */
export const codeChallengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

const FETCH_TIMEOUT_MS = 5_000;

/**
 * 统一身份认证 — the relying-party side of authorization code + PKCE against `AUTH_ISSUER`: discovery (its issuer
 * must be ours), the authorization URL (state, nonce, S256 challenge), the code exchange (a public client: the
 * verifier proves it), and the ID token checked for signature (the issuer's JWKS), issuer, audience, expiry, nonce.
 */
export class OidcClient {
  private discovery?: Promise<OidcDiscovery>;
  private keys?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly issuer: string,
    private readonly clientId: string,
    private readonly scopes: string,
  ) {}

  private async discover(): Promise<OidcDiscovery> {
    this.discovery ??= (async () => {
      const response = await fetch(`${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
      if (!response.ok) throw new OidcSignInError('OIDC_DISCOVERY_FAILED', `discovery answered ${response.status}`);
      const document = (await response.json()) as OidcDiscovery;
      if (document.issuer !== this.issuer) throw new OidcSignInError('OIDC_DISCOVERY_FAILED', `discovery names issuer ${document.issuer}`);
      for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
        if (typeof document[field] !== 'string') throw new OidcSignInError('OIDC_DISCOVERY_FAILED', `discovery has no ${field}`);
      }
      return document;
    })();
    // A failed discovery is tried again at the next sign-in, not remembered.
    this.discovery.catch(() => (this.discovery = undefined));
    return this.discovery;
  }

  async authorizationUrl(request: { state: string; nonce: string; codeVerifier: string; redirectUri: string }): Promise<string> {
    const discovery = await this.discover();
    const url = new URL(discovery.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.clientId,
      redirect_uri: request.redirectUri,
      scope: this.scopes,
      state: request.state,
      nonce: request.nonce,
      code_challenge: codeChallengeOf(request.codeVerifier),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** The code → the verified ID token's claims. */
  async signIn(request: { code: string; codeVerifier: string; redirectUri: string; nonce: string }): Promise<JWTPayload> {
    const discovery = await this.discover();
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: request.code, redirect_uri: request.redirectUri, client_id: this.clientId, code_verifier: request.codeVerifier }),
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      redirect: 'error',
    });
    const answer = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
    if (!response.ok || typeof answer.id_token !== 'string') throw new OidcSignInError('OIDC_CODE_REFUSED', `token endpoint answered ${response.status} ${String(answer.error ?? '')}`.slice(0, 200));
    this.keys ??= createRemoteJWKSet(new URL(discovery.jwks_uri), { cooldownDuration: 30_000, timeoutDuration: FETCH_TIMEOUT_MS });
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(answer.id_token, this.keys, { issuer: this.issuer, audience: this.clientId, requiredClaims: ['sub', 'exp', 'iat', 'nonce'] }));
    } catch (error) {
      throw new OidcSignInError('OIDC_ID_TOKEN_INVALID', (error as Error).message.slice(0, 200));
    }
    if (claims['nonce'] !== request.nonce) throw new OidcSignInError('OIDC_ID_TOKEN_INVALID', 'nonce does not match the sign-in request');
    return claims;
  }
}
