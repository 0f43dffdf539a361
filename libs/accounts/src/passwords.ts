import { randomInt } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { FieldProblem } from '@budgetflow/platform';

/**
 * Argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane): about 30–60 ms per hash on one core, native code
 * outside the event loop. The PHC string keeps the parameters, so raising them later still verifies old hashes.
 */
/** `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
const ARGON2ID_ALGORITHM = 2 as Algorithm;
const ARGON2ID = { algorithm: ARGON2ID_ALGORITHM, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID);

export const passwordMatches = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

/** Letters and digits a person can read out and type without confusing them (no 0/O, 1/l/I). */
const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random one-time password: 16 characters of a 56-letter alphabet (about 93 bits), in groups of four. */
export const oneTimePassword = (): string =>
  Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join('')).join('-');

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** What a chosen password must be: long enough, not the login name, not the one it replaces. */
export function passwordProblems(field: string, password: string, login: string): FieldProblem[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [{ field, code: 'PASSWORD_TOO_SHORT', message: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符` }];
  if (password.length > PASSWORD_MAX_LENGTH) return [{ field, code: 'PASSWORD_TOO_LONG', message: `密码不超过 ${PASSWORD_MAX_LENGTH} 个字符` }];
  if (password.toLowerCase().includes(login.toLowerCase())) return [{ field, code: 'PASSWORD_CONTAINS_LOGIN', message: '密码不能包含登录名' }];
  if (new Set(password).size < 4) return [{ field, code: 'PASSWORD_TOO_SIMPLE', message: '密码过于简单（至少 4 个不同字符）' }];
  return [];
}
