/**
 * Money is yuan with at most two decimals (the API contract; GB/T 39046 keeps fees as n..16,2), carried as a JSON number
 * and stored in `decimal(18, 2)` columns. Arithmetic on it goes through big.js, exact on the decimal digits as
 * written: binary floating point sees 115 × 0.009 as 1.0349999… and would lose the fen.
 */
import BigJs from 'big.js';

// A constructor of our own, so that no other module's settings of big.js (DP, RM, strict) reach amounts.
const Big = BigJs();

const ROUND_HALF_UP = 1;

/**
 * The most fen an amount may hold: a safe integer (just over ¥90 trillion, within n..16,2). Past it a JSON
 * number no longer tells one fen from the next, so the amount answered would not be the amount computed.
 */
const MAX_FEN = Number.MAX_SAFE_INTEGER;

/**
 * `rate × units` in yuan, rounded half up to the fen (¥1.035 → ¥1.04). Null when its fen are not a safe
 * integer (over ¥90 071 992 547 409.91): there is no exact amount to store.
 */
export function yuanTimes(rate: number, units: number): number | null {
  const amount = decimal(rate).times(decimal(units)).round(2, ROUND_HALF_UP);
  return amount.times(100).gt(MAX_FEN) ? null : amount.toNumber();
}

/** The exact total of amounts in yuan (each already to the fen), e.g. what an enterprise has left to pay. */
export function sumYuan(amounts: Iterable<number>): number {
  let total = new Big(0);
  for (const amount of amounts) total = total.plus(decimal(amount));
  return total.toNumber();
}

/** An amount with exactly two decimals, as sentences show it (`1234.5` → `1234.50`). */
export function formatYuan(amount: number): string {
  // The fen nearest the number's exact binary value: past 2^46 yuan (¥70 trillion), where one number stands for several
  // fen, the shortest decimal that big.js reads would drop the last fen (…409.91 reads as …409.9).
  return checked(amount).toFixed(2);
}

/** A non-negative finite number as big.js reads it. */
function decimal(value: number): BigJs.Big {
  // From the shortest decimal that reads back as the number (what JSON shows), and `String(-0)` is "0".
  return new Big(String(checked(value)));
}

/** The value itself, if it may be money: fees, rates and quantities are never negative. */
function checked(value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`not a non-negative finite number: ${value}`);
  return value;
}
