/** Text a spreadsheet would read as the start of a formula (OWASP, CSV injection), tab and CR included. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV with a header line: fields quoted when they hold a comma, quote or line break. A text cell
 * that begins like a formula gets a leading `'`, so that opening the export never runs it; numbers are
 * written as they are (a negative number is not a formula).
 */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const field = (value: unknown) => {
    if (value === null || value === undefined) return '';
    let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (typeof value !== 'number' && typeof value !== 'bigint' && FORMULA_START.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [columns.join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))].join('\r\n') +
    '\r\n'
  );
}
