/** The roles a token may carry (docs/api.md, Authentication); anything else is refused with 401. */
export type PrincipalRole = 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert';

/** Every {@link PrincipalRole}, in the order error messages list them. */
export const PRINCIPAL_ROLES: readonly PrincipalRole[] = [
  'applicant',
  'agent',
  'clerk',
  'auditor',
  'admin',
  'expert',
];

/** The caller, as read from a verified token. */
export interface Principal {
  /** The user id (`sub`); for an expert, their id on the roster. */
  sub: string;
  role: PrincipalRole;
  /**
   * Applicant: the enterprise's USCC; clerk: the department code; agent: the service team's code.
   * Null only for auditors, admins and experts, whose tokens may omit it.
   */
  org: string | null;
  /** The token's issuer (`iss`), when it names one: user ids are only unique per issuer. */
  iss?: string;
  /** Display name (`name`), for audit entries and messages; never used for decisions. */
  name?: string;
  /**
   * A department lead (`lead: true` on a clerk's token): may assign the department's tasks to its clerks and
   * release anyone's claim. Ignored for every other role.
   */
  lead?: boolean;
  /** An enterprise's name as its token states it (`org_name`, applicants only): fills the directory. */
  orgName?: string;
}

/** True when `value` is one of the {@link PRINCIPAL_ROLES}. */
export function isPrincipalRole(value: unknown): value is PrincipalRole {
  return typeof value === 'string' && (PRINCIPAL_ROLES as readonly string[]).includes(value);
}
