/**
 * The USCC as a person types it: capitals (a lowercase code is the same code), and a warning, not a refusal,
 * when the check character does not compute — the service accepts such codes and flags them the same way.
 */
import { isWellFormedUscc, usccCheckCharacter } from '../../uscc/index.ts';

/** The code as the service stores it: capitals, no surrounding spaces. */
export function normaliseUscc(text: string): string {
  return text.trim().toUpperCase();
}

/** What the check character should be when a well-formed code's does not compute; null otherwise. */
export function usccCheckMismatch(text: string): { expected: string; actual: string } | null {
  const code = normaliseUscc(text);
  if (!isWellFormedUscc(code)) return null;
  const expected = usccCheckCharacter(code.slice(0, 17));
  return expected === code[17] ? null : { expected, actual: code[17]! };
}

/** Whether a form field holds a USCC: the schema's `format: uscc`, or a property named `uscc`. */
export function isUsccField(name: string, format: string | undefined): boolean {
  return format === 'uscc' || name === 'uscc';
}
