/**
 * The unified social credit code's alphabet and check character: plain vocabulary with no imports, so the
 * service's validation and the console's forms (a browser build) share one implementation.
 */
export { USCC_ALPHABET, hasValidUsccCheck, isWellFormedUscc, usccCheckCharacter } from './uscc.ts';
