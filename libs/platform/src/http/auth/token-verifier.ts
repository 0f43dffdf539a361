import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SignJWT, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { type Actor, ROLES, type Role } from './actor';
import { type ClaimNames, DEFAULT_CLAIM_NAMES, claimAt, roleFrom } from './claims';

export const LOCAL_ISSUER = 'budgetflow-local';
const LOCAL_ALGORITHM = 'ES256';
/** Asymmetric algorithms only: no `none`, no HS* (which would let a public key be used as an HMAC secret). */
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

interface LocalKeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

const keyFilePath = (dataDir: string) => path.join(dataDir, 'keys', 'local-signing-key.json');

/** The embedded default's signing key: created on first use in DATA_DIR, shared by the server and `npm run token`. */
export async function loadOrCreateLocalKey(dataDir: string): Promise<{ privateKey: KeyLike; publicKey: KeyLike }> {
  const file = keyFilePath(dataDir);
  let stored: LocalKeyFile;
  try {
    stored = JSON.parse(await fs.readFile(file, 'utf8')) as LocalKeyFile;
  } catch {
    const pair = await generateKeyPair(LOCAL_ALGORITHM, { extractable: true });
    stored = { privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) };
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written whole beside the key, then linked into place: a reader never sees a half-written key, and when
    // another process or call created it meanwhile the link fails and theirs is used.
    const draft = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await fs.writeFile(draft, JSON.stringify(stored), { mode: 0o600 });
    try {
      await fs.link(draft, file);
    } catch {
      stored = JSON.parse(await fs.readFile(file, 'utf8')) as LocalKeyFile;
    } finally {
      await fs.unlink(draft).catch(() => undefined);
    }
  }
  return {
    privateKey: (await importJWK(stored.privateJwk, LOCAL_ALGORITHM)) as KeyLike,
    publicKey: (await importJWK(stored.publicJwk, LOCAL_ALGORITHM)) as KeyLike,
  };
}

export interface MintOptions {
  role: Role;
  department?: string;
  userId?: string;
  audience: string;
  ttlSeconds?: number;
}

export async function mintLocalToken(privateKey: KeyLike, options: MintOptions): Promise<string> {
  if (!ROLES.includes(options.role)) throw new Error(`unknown role ${options.role}`);
  if (options.role === 'department' && !options.department) throw new Error('a department token needs --department');
  const userId = options.userId ?? (options.role === 'department' ? `clerk-${options.department}` : `${options.role}-user`);
  return new SignJWT({ role: options.role, ...(options.department ? { department: options.department } : {}) })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 12 * 3600}s`)
    .sign(privateKey);
}

const actorFromClaims = (claims: JWTPayload, names: ClaimNames = DEFAULT_CLAIM_NAMES): Actor => {
  const role = roleFrom(claimAt(claims, names.role));
  const department = claimAt(claims, names.department);
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidTokenError('token has no subject');
  if (role === undefined) throw new InvalidTokenError(`token has no known role in claim ${names.role}`);
  if (role === 'department' && (typeof department !== 'string' || !/^[0-9A-Za-z-]{1,32}$/.test(department))) {
    throw new InvalidTokenError(`department token without a department code in claim ${names.department}`);
  }
  return { userId: claims.sub, role, ...(role === 'department' ? { department: department as string } : {}) };
};

type VerifyOptions = { issuer: string; audience: string; algorithms: string[]; requiredClaims: string[] };

interface Verified {
  actor: Actor;
  /** `exp` claim, seconds since the epoch. */
  expiresAt: number;
}

const actorFromVerification = async (verification: () => Promise<{ payload: JWTPayload }>, names?: ClaimNames): Promise<Verified> => {
  try {
    const { payload } = await verification();
    return { actor: actorFromClaims(payload, names), expiresAt: payload.exp as number };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    throw new InvalidTokenError((error as Error).message);
  }
};

const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * A signature check costs more than the rest of a small request: a token already verified is trusted again
 * until its own expiry, never longer. Refused tokens are never remembered.
 */
const rememberingVerified = (verify: (token: string) => Promise<Verified>): TokenVerifier => {
  const verified = new Map<string, Verified>();
  return {
    verify: async (token) => {
      const known = verified.get(token);
      if (known && known.expiresAt * 1000 > Date.now()) return known.actor;
      verified.delete(token);
      const fresh = await verify(token);
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string);
      verified.set(token, fresh);
      return fresh.actor;
    },
  };
};

export const localTokenVerifier = (publicKey: KeyLike, audience: string): TokenVerifier => {
  const options: VerifyOptions = { issuer: LOCAL_ISSUER, audience, algorithms: [LOCAL_ALGORITHM], requiredClaims: ['exp', 'sub'] };
  return rememberingVerified((token) => actorFromVerification(() => jwtVerify(token, publicKey, options)));
};

/** Tokens of the county's identity provider; role and department come from the claims `names` says (`AUTH_ROLE_CLAIM`, `AUTH_DEPARTMENT_CLAIM`). */
export const oidcTokenVerifier = (issuer: string, audience: string, jwksUrl: string, names: ClaimNames = DEFAULT_CLAIM_NAMES): TokenVerifier => {
  const keySet = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  const options: VerifyOptions = { issuer, audience, algorithms: OIDC_ALGORITHMS, requiredClaims: ['exp', 'sub'] };
  return rememberingVerified((token) => actorFromVerification(() => jwtVerify(token, keySet, options), names));
};
