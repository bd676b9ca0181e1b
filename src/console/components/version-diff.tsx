/** What a new version of a published list changes, shown item by item as people read it: old → new. */
import { diffItems, fieldChanges, type Coded, type ItemChange } from '../lib/version-diff.ts';
import { localName, t, tDept, tOr, tWorkflow } from '../i18n/index.ts';

/** One list of a published version (the checklist's fees, a catalog's items) and its heading. */
export interface DiffList {
  key: string;
  title: string;
}

/** The changes of every list, and whether the version's `source` changes too. */
export interface VersionChanges {
  lists: Array<{ list: DiffList; changes: ItemChange<Coded & { name?: string }>[] }>;
  source: { before: unknown; after: unknown } | null;
  count: number;
}

/** Compares a candidate version with the one in force, list by list. */
export function versionChanges(before: object, after: object, lists: readonly DiffList[]): VersionChanges {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const changes = lists.map((list) => ({
    list,
    changes: diffItems(
      (b[list.key] ?? []) as Array<Coded & { name?: string }>,
      (a[list.key] ?? []) as Array<Coded & { name?: string }>,
    ),
  }));
  const source = fieldChanges({ source: b.source }, { source: a.source })[0] ?? null;
  const count = changes.reduce((n, l) => n + l.changes.length, 0) + (source ? 1 : 0);
  return { lists: changes, source, count };
}

/** A field's value in words: departments and workflows by name, yes/no, lists joined, the rest as data. */
export function valueText(field: string, value: unknown): string {
  if (value === undefined || value === null) return t('admin.none');
  if (typeof value === 'boolean') return value ? t('admin.yes') : t('admin.no');
  if (field === 'department' && typeof value === 'string') return tDept(value);
  if (field === 'departments' && Array.isArray(value)) return value.map((d) => tDept(String(d))).join('、');
  if (field === 'steps' && Array.isArray(value)) return value.map((w) => tWorkflow(String(w))).join('、');
  if (field === 'unit' && typeof value === 'string') return tOr(`guide.unit.${value}`, value);
  if (typeof value === 'string') return field === 'name' || field === 'source' ? localName(value) : value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join('、');
  return JSON.stringify(value);
}

const fieldName = (field: string) => tOr(`admin.field.${field}`, field);

function ChangeRow({ change }: { change: ItemChange<Coded & { name?: string }> }) {
  return (
    <tr data-code={change.code} data-change={change.kind}>
      <th scope="row">
        {change.item.name ? localName(change.item.name) : change.code}
        <div class="hint">{change.code}</div>
      </th>
      <td>{t(`admin.change.${change.kind}`)}</td>
      <td>
        {change.kind === 'changed' ? (
          <ul class="plain">
            {change.fields.map((f) => (
              <li key={f.field}>
                {t('admin.fieldChange', {
                  field: fieldName(f.field),
                  before: valueText(f.field, f.before),
                  after: valueText(f.field, f.after),
                })}
              </li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

/** The changes, one table per list that changes; a sentence when nothing does. */
export function VersionDiff({ changes }: { changes: VersionChanges }) {
  if (!changes.count) {
    return (
      <p class="notice" role="status">
        {t('admin.noChange')}
      </p>
    );
  }
  return (
    <div class="version-diff" role="status">
      <p>{t('admin.changeCount', { count: changes.count })}</p>
      {changes.source ? (
        <p>
          {t('admin.fieldChange', {
            field: fieldName('source'),
            before: valueText('source', changes.source.before),
            after: valueText('source', changes.source.after),
          })}
        </p>
      ) : null}
      {changes.lists
        .filter((l) => l.changes.length)
        .map(({ list, changes: rows }) => (
          <div class="table-scroll" key={list.key}>
            <table data-list={list.key}>
              <caption>{list.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.item')}</th>
                  <th scope="col">{t('admin.change')}</th>
                  <th scope="col">{t('admin.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((change) => (
                  <ChangeRow key={change.code} change={change} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
