import type { JWTPayload } from 'jose';
import { ROLES, type Role } from './actor';

/** Which claims of an identity provider's token carry the role and the department (`AUTH_ROLE_CLAIM`, `AUTH_DEPARTMENT_CLAIM`). */
export interface ClaimNames {
  role: string;
  department: string;
}

export const DEFAULT_CLAIM_NAMES: ClaimNames = { role: 'role', department: 'department' };

/**
 * The claim called `name`; when the token has no such top-level claim and the name is a dotted path
 * (`realm_access.roles`), the nested value. A claim literally named with dots (`https://county.example/role`) wins.
 */
export const claimAt = (claims: JWTPayload, name: string): unknown => {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
};

/**
 * The role a claim names: a string that is one of the roles, or a list (providers often give role lists) holding
 * exactly one of them — other entries (`offline_access`, `uma_authorization` …) are ignored. Two of our roles in
 * one list is ambiguous and names none: nobody becomes finance and department at once.
 */
export const roleFrom = (value: unknown): Role | undefined => {
  if (typeof value === 'string') return ROLES.includes(value as Role) ? (value as Role) : undefined;
  if (Array.isArray(value)) {
    const known = [...new Set(value.filter((entry): entry is Role => typeof entry === 'string' && ROLES.includes(entry as Role)))];
    return known.length === 1 ? known[0] : undefined;
  }
  return undefined;
};
