/** What every long list shares: the search box with its filters, "load more", and names with their codes. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';

/** A search form: one text box and the list's own filters; the list follows on submit. */
export function SearchForm(props: {
  id: string;
  initial: string;
  onSearch: (q: string) => void;
  children?: ComponentChildren;
}) {
  const [q, setQ] = useState(props.initial);
  return (
    <form
      class="list-search"
      role="search"
      aria-label={t('list.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSearch(q.trim());
      }}
    >
      <div class="field">
        <label for={`${props.id}-q`}>{t('list.search')}</label>
        <div class="search-row">
          <input
            id={`${props.id}-q`}
            type="search"
            value={q}
            maxLength={100}
            placeholder={t('list.searchPlaceholder')}
            onInput={(event) => setQ((event.target as HTMLInputElement).value)}
          />
          <button type="submit">{t('list.searchButton')}</button>
        </div>
      </div>
      {props.children ? <div class="list-filters">{props.children}</div> : null}
    </form>
  );
}

/** A labelled select that changes a filter at once. */
export function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange((event.target as HTMLSelectElement).value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How many are shown, and the button for the next page while the service has more. */
export function LoadMore(props: { count: number; more: boolean; loading: boolean; onMore: () => void }) {
  return (
    <div class="load-more">
      <p class="muted" role="status">
        {props.more ? t('list.shown', { count: props.count }) : t('list.shownAll', { count: props.count })}
      </p>
      {props.more ? (
        <button type="button" onClick={props.onMore} disabled={props.loading} aria-busy={props.loading}>
          {props.loading ? t('common.loading') : t('list.more')}
        </button>
      ) : null}
    </div>
  );
}

/** An enterprise by its name, its code beside it in smaller type; the code alone while the name is unknown. */
export function EnterpriseName({ name, uscc }: { name?: string | null; uscc: string }) {
  if (!name) return <span class="code-text">{uscc}</span>;
  return (
    <span class="enterprise-name">
      {name} <span class="code-text secondary">{uscc}</span>
    </span>
  );
}
