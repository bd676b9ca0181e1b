/** An electronic licence as a material citation needs it: what it is, whether it stands, and whose it is. */
export interface CitedLicence {
  type: string;
  /** `valid` only may be cited; anything else (revoked, lapsed, …) is refused. */
  status: string;
  /** The USCC of the licence's holder, which must be the case's enterprise. */
  holderUscc: string;
}

/**
 * Looks up an electronic licence by its number, live, at the moment it is cited (电子证照免提交); null when no
 * licence has that number. A port: the service wires the licences of its own issue.
 */
export type LicenceLookup = (number: string) => Promise<CitedLicence | null>;

/** The lookup while this service issues no licences yet: every number is unknown. */
export const noLicences: LicenceLookup = async () => null;
