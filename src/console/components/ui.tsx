/** Small pieces every page uses: loading and error notices, status badges, sections. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/index.ts';
import { t, tOr, tStatus } from '../i18n/index.ts';
import { pointerLabel, tCode } from '../i18n/problems.ts';

export function Loading() {
  return (
    <p class="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** What the service said when it refused, in a live region so screen readers hear it. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const detail =
    error instanceof ApiError
      ? `${tOr(`problem.${error.status}`, '')} ${tCode(error)}`
      : error instanceof Error
        ? error.message
        : String(error);
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <div class="notice error" role="alert">
      <p>{detail.trim()}</p>
      {fields.length ? (
        <ul>
          {fields.map((e) => (
            <li key={e.pointer + e.code}>
              {pointerLabel(e.pointer)}
              {t('punct.colon')}
              {tCode(e)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A loaded value, or its loading/error notice. */
export function Loaded<T>(props: {
  data: T | undefined;
  error: unknown;
  children: (data: T) => ComponentChildren;
}) {
  if (props.error) return <ErrorNotice error={props.error} />;
  if (props.data === undefined) return <Loading />;
  return <>{props.children(props.data)}</>;
}

const TONE: Record<string, string> = {
  draft: 'neutral',
  submitted: 'info',
  in_review: 'info',
  supplementing: 'warn',
  suspended: 'warn',
  approved: 'good',
  concluded: 'good',
  denied: 'bad',
  refused: 'bad',
  withdrawn: 'neutral',
  requested: 'warn',
  active: 'good',
  revoked: 'neutral',
  expired: 'neutral',
  open: 'info',
  closed: 'neutral',
  assessed: 'warn',
  paid: 'good',
  waived: 'neutral',
  scheduled: 'info',
  passed: 'good',
  failed: 'bad',
  pending: 'neutral',
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ${TONE[status] ?? 'neutral'}`}>{tStatus(status)}</span>;
}

export function Section(props: {
  title: string;
  id?: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section class="card" id={props.id} aria-labelledby={headingId}>
      <div class="section-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** Wraps a wide table so it scrolls sideways on a phone instead of widening the page. */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // Named apart from the section around it: two landmarks with one name confuse a screen reader's list.
    <div class="table-scroll" role="region" aria-label={t('table.scroll', { label })} tabIndex={0}>
      {children}
    </div>
  );
}

/** One column of a {@link DataTable}: its header, and what a row shows under it. */
export interface Column<T> {
  label: string;
  cell: (row: T) => ComponentChildren;
}

/**
 * A table of `rows` that scrolls sideways on a phone, each cell labelled with its column (`data-label`, which
 * the phone's cards show), so that pages state only their columns.
 */
export function DataTable<T>(props: {
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowAttributes?: (row: T) => Record<string, string>;
}) {
  return (
    <TableScroll label={props.label}>
      <table>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)} {...(props.rowAttributes?.(row) ?? {})}>
              {props.columns.map((c) => (
                <td data-label={c.label} key={c.label}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
