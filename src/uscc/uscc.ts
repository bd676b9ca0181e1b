/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last one a
 * mod-31 check character over the first 17.
 */

/** The 31 characters a USCC may use: digits and capitals without I, O, S, V, Z (easily misread). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Position i (1-based) weighs 3^(i-1) mod 31, as the standard tabulates.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const WELL_FORMED = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;
const FIRST_17 = /^[0-9A-HJ-NP-RTUW-Y]{17}$/;

/** True when `s` has 18 characters, all from the USCC alphabet; the check character is not verified. */
export function isWellFormedUscc(s: string): boolean {
  return WELL_FORMED.test(s);
}

/**
 * The check character for the first 17 characters of a USCC.
 * @throws RangeError when `first17` is not 17 characters of the USCC alphabet.
 */
export function usccCheckCharacter(first17: string): string {
  if (!FIRST_17.test(first17)) {
    throw new RangeError(`expected 17 characters of the USCC alphabet, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** True when `s` is well-formed and its 18th character is the check character of the first 17. */
export function hasValidUsccCheck(s: string): boolean {
  return isWellFormedUscc(s) && usccCheckCharacter(s.slice(0, 17)) === s[17];
}
