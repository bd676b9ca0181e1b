/**
 * The case search both lists share: one box for a project's name, its code, the enterprise's USCC or name,
 * or the case number. Case-insensitive on both databases (`lower()` on both sides, `like` with our own
 * escape character), and always applied after the caller's visibility, so a search never reaches a case
 * the caller could not open.
 */
import type { Knex } from 'knex';

/** The longest search text taken; longer is refused at the edge. */
export const MAX_SEARCH_LENGTH = 100;

/** `like` with `\` escaping the text's own `%`, `_` and `\`. */
function likePattern(text: string, { prefix }: { prefix: boolean }): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return prefix ? `${escaped}%` : `%${escaped}%`;
}

/**
 * Narrows a query that reads `applications` (under `alias`) to cases matching `q`: the project's name or the
 * enterprise's directory name containing it, the project code, USCC or case number starting with it.
 */
export function whereSearch(knex: Knex, query: Knex.QueryBuilder, q: string, alias = 'applications'): void {
  const text = q.trim().toLowerCase();
  if (!text) return;
  const inside = likePattern(text, { prefix: false });
  const start = likePattern(text, { prefix: true });
  query.where((w) =>
    w
      .whereRaw(`lower(${alias}.project_name) like ? escape '\\'`, [inside])
      .orWhereRaw(`lower(${alias}.project_code) like ? escape '\\'`, [start])
      .orWhereRaw(`lower(${alias}.applicant) like ? escape '\\'`, [start])
      .orWhereRaw(`${alias}.id like ? escape '\\'`, [start])
      .orWhereIn(
        `${alias}.applicant`,
        knex('enterprises').select('uscc').whereRaw(`lower(name) like ? escape '\\'`, [inside]),
      ),
  );
}
