/**
 * The mapping from an identity provider's claims to ZeroTrip's principal (`OIDC_CLAIMS_MAP`, docs/sign-in.md):
 * an ordered list of rules, the first that matches a person's claims decides the role and where the
 * organisation (USCC, department code, service team) is read. Plain data, so that it is configured without code.
 */
import { PRINCIPAL_ROLES, isPrincipalRole, type PrincipalRole } from './principal.ts';

/** One rule: when every condition holds, the person is `role`, of the organisation in claim `org`. */
export interface ClaimRule {
  role: PrincipalRole;
  /**
   * Conditions on claims (a dotted path reaches into an object claim): `"*"` means present and not empty; any
   * other text means equal to it, or (for a list claim such as `groups`) containing it.
   */
  when?: Readonly<Record<string, string>>;
  /** The claim that holds the organisation; the rule does not match when that claim is missing or empty. */
  org?: string;
  /** The provider's organisation codes translated to ZeroTrip's (e.g. its department ids to `fire`, …). */
  orgValues?: Readonly<Record<string, string>>;
}

/** The whole mapping. */
export interface ClaimsMap {
  /** The claim with the user id; `sub` unless told. */
  subject: string;
  /** The claim with the display name; `name` unless told. */
  name: string;
  rules: readonly ClaimRule[];
}

/** What a mapping makes of a person's claims: the claims the token rules then check (tokens.ts). */
export interface MappedClaims {
  sub: unknown;
  role: PrincipalRole;
  org: unknown;
  name: unknown;
}

const ORG_ROLES: readonly PrincipalRole[] = ['applicant', 'clerk', 'agent'];

/**
 * Without `OIDC_CLAIMS_MAP`: the provider issues ZeroTrip's own `role` and `org` claims, as the configured-key
 * tokens carry them (docs/api.md, Authentication).
 */
export const DEFAULT_CLAIMS_MAP: ClaimsMap = {
  subject: 'sub',
  name: 'name',
  rules: PRINCIPAL_ROLES.map((role) => ({
    role,
    when: { role },
    ...(ORG_ROLES.includes(role) ? { org: 'org' } : {}),
  })),
};

/**
 * Checks a mapping read from JSON.
 * @throws Error naming the first thing wrong (the configuration turns it into a ConfigError).
 */
export function parseClaimsMap(value: unknown): ClaimsMap {
  if (!isObject(value)) throw new Error('must be a JSON object with a "rules" list');
  const known = new Set(['subject', 'name', 'rules']);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new Error(`unknown field "${key}"; expected subject, name and rules`);
  }
  const subject = optionalText(value.subject, 'subject') ?? 'sub';
  const name = optionalText(value.name, 'name') ?? 'name';
  if (!Array.isArray(value.rules) || value.rules.length === 0) {
    throw new Error('"rules" must be a list of at least one rule');
  }
  const rules = value.rules.map((rule: unknown, i: number) => parseRule(rule, `rules[${i}]`));
  return { subject, name, rules };
}

function parseRule(rule: unknown, where: string): ClaimRule {
  if (!isObject(rule)) throw new Error(`${where} must be an object`);
  const known = new Set(['role', 'when', 'org', 'orgValues']);
  for (const key of Object.keys(rule)) {
    if (!known.has(key))
      throw new Error(`${where}: unknown field "${key}"; expected role, when, org, orgValues`);
  }
  if (!isPrincipalRole(rule.role)) {
    throw new Error(
      `${where}.role must be one of ${PRINCIPAL_ROLES.join(', ')}, got ${JSON.stringify(rule.role)}`,
    );
  }
  const role = rule.role;
  const when = textRecord(rule.when, `${where}.when`);
  const org = optionalText(rule.org, `${where}.org`);
  const orgValues = textRecord(rule.orgValues, `${where}.orgValues`);
  if (ORG_ROLES.includes(role) && org === undefined) {
    throw new Error(`${where}: role ${role} needs "org", the claim that holds its organisation`);
  }
  if (orgValues !== undefined && org === undefined) throw new Error(`${where}: "orgValues" needs "org"`);
  if (when === undefined && org === undefined) {
    // A rule with no condition would give every person of the provider this role.
    throw new Error(`${where}: needs "when" or "org"; a rule without either would match everybody`);
  }
  return { role, ...(when ? { when } : {}), ...(org ? { org } : {}), ...(orgValues ? { orgValues } : {}) };
}

/** The role and claims of the first rule that matches, or null when none does (the person has no role here). */
export function mapClaims(map: ClaimsMap, claims: Readonly<Record<string, unknown>>): MappedClaims | null {
  for (const rule of map.rules) {
    if (!Object.entries(rule.when ?? {}).every(([path, wanted]) => matches(claimAt(claims, path), wanted))) {
      continue;
    }
    let org: unknown = null;
    if (rule.org !== undefined) {
      org = claimAt(claims, rule.org);
      if (org === undefined || org === null || org === '') {
        if (ORG_ROLES.includes(rule.role)) continue;
        org = null;
      } else if (rule.orgValues !== undefined) {
        if (typeof org !== 'string' || !Object.hasOwn(rule.orgValues, org)) continue;
        org = rule.orgValues[org];
      }
    }
    return { sub: claimAt(claims, map.subject), role: rule.role, org, name: claimAt(claims, map.name) };
  }
  return null;
}

function matches(value: unknown, wanted: string): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return wanted === '*' ? value.length > 0 : value.includes(wanted);
  if (wanted === '*') return true;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value) === wanted
    : false;
}

/** `a.b.c` inside the claims; a claim whose own name has dots is found first. */
function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where} must be a non-empty text`);
  return value;
}

function textRecord(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || Object.keys(value).length === 0) {
    throw new Error(`${where} must be an object of claim names to texts`);
  }
  for (const [key, text] of Object.entries(value)) {
    if (typeof text !== 'string' || text === '') throw new Error(`${where}.${key} must be a non-empty text`);
  }
  return value as Record<string, string>;
}
