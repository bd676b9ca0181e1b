/**
 * The cases the signed-in person may see, page by page from the service, with a search box, filters and the
 * order. For an enterprise: "my cases", each open one with the one thing to do next (read from the case
 * itself, for the cases on the pages loaded); everyone else sees each case's enterprise by name.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Application, type ApplicationSummary, type CaseFilters } from '../api/index.ts';
import { CaseList, FINAL_STATUSES } from '../components/case-list.tsx';
import { FilterSelect, LoadMore, SearchForm } from '../components/list-controls.tsx';
import { ErrorNotice, Loading } from '../components/ui.tsx';
import { t, tStatus, tWorkflow } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePages } from '../lib/use-pages.ts';

const STATUSES = ['draft', 'submitted', 'supplementing', 'in_review', 'suspended', ...FINAL_STATUSES];

/** One page of cases and, for those still open, their detail (nextAction, fees). */
export async function casesWithDetails(
  filters: CaseFilters = {},
  withDetails = true,
): Promise<{ items: ApplicationSummary[]; nextCursor: string | null; details: Map<string, Application> }> {
  const { items, nextCursor } = await api.applications(filters);
  const open = withDetails ? items.filter((item) => !FINAL_STATUSES.includes(item.status)) : [];
  const details = await Promise.all(open.map((item) => api.application(item.id)));
  return { items, nextCursor: nextCursor ?? null, details: new Map(details.map((d) => [d.id, d])) };
}

/** The workflows a case list filters on (agreements are not cases). */
export function useWorkflowOptions(): Array<[string, string]> {
  const workflows = useLoad(() => api.workflows(), []);
  const ids = (workflows.data?.items ?? []).map((w) => w.id).filter((id) => id !== 'delegation');
  return [['', t('list.anyWorkflow')], ...ids.map((id): [string, string] => [id, tWorkflow(id)])];
}

export function CasesPage() {
  const session = useSession();
  const enterprise = session?.claims.role === 'applicant';
  const [filters, setFilters] = useState<CaseFilters>({});
  const set = (change: Partial<CaseFilters>) => setFilters((previous) => ({ ...previous, ...change }));
  const pages = usePages((cursor) => api.applications({ ...filters, cursor }), [JSON.stringify(filters)]);
  const details = useDetails(enterprise ? pages.items : []);
  const workflows = useWorkflowOptions();
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== '');
  return (
    <>
      <div class="page-head">
        <h1>{enterprise ? t('cases.mine') : t('cases.all')}</h1>
        {enterprise ? (
          <Link href="/cases/new" class="button primary">
            {t('nav.newApplication')}
          </Link>
        ) : null}
      </div>
      <SearchForm id="cases" initial="" onSearch={(q) => set({ q: q || undefined })}>
        <FilterSelect
          id="cases-status"
          label={t('list.status')}
          value={filters.status ?? ''}
          options={[['', t('list.anyStatus')], ...STATUSES.map((s): [string, string] => [s, tStatus(s)])]}
          onChange={(status) => set({ status: status || undefined })}
        />
        <FilterSelect
          id="cases-workflow"
          label={t('list.workflow')}
          value={filters.workflow ?? ''}
          options={workflows}
          onChange={(workflow) => set({ workflow: workflow || undefined })}
        />
        <FilterSelect
          id="cases-sort"
          label={t('list.sort')}
          value={filters.sort ?? 'created'}
          options={[
            ['created', t('list.sortCreated')],
            ['due', t('list.sortDue')],
          ]}
          onChange={(sort) => set({ sort: sort === 'due' ? 'due' : undefined })}
        />
      </SearchForm>
      {pages.error ? <ErrorNotice error={pages.error} /> : null}
      {pages.loading && !pages.items.length ? (
        <Loading />
      ) : (
        <>
          <CaseList
            items={pages.items}
            details={details}
            empty={filtered ? t('list.noMatch') : t('cases.none')}
            showApplicant={!enterprise}
          />
          {pages.items.length ? (
            <LoadMore
              count={pages.items.length}
              more={pages.more}
              loading={pages.loading}
              onMore={pages.loadMore}
            />
          ) : null}
        </>
      )}
    </>
  );
}

/** The detail of each open case listed (what to do next), read once per case as pages arrive. */
function useDetails(items: ApplicationSummary[]): Map<string, Application> {
  const [details, setDetails] = useState(new Map<string, Application>());
  useEffect(() => {
    const missing = items.filter((item) => !FINAL_STATUSES.includes(item.status) && !details.has(item.id));
    if (!missing.length) return;
    let current = true;
    Promise.all(missing.map((item) => api.application(item.id))).then(
      (loaded) => {
        if (!current) return;
        setDetails(
          (previous) => new Map([...previous, ...loaded.map((d): [string, Application] => [d.id, d])]),
        );
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);
  return details;
}
