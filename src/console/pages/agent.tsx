/**
 * The agent's desk (代办专班): the agreements offered to it and held by it, and for each enterprise that
 * delegated to it, that enterprise's cases in scope. Everything done here is done on the enterprise's behalf.
 */
import { api, type Application, type ApplicationSummary } from '../api/index.ts';
import { CaseList } from '../components/case-list.tsx';
import { EnterpriseName, LoadMore } from '../components/list-controls.tsx';
import { ErrorNotice, Loaded, Loading, Section } from '../components/ui.tsx';
import { t } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePages } from '../lib/use-pages.ts';
import { casesWithDetails } from './cases.tsx';
import { DelegationTable } from './delegations.tsx';

export function AgentPage() {
  const session = useSession()!;
  const desk = useLoad(async () => ({ delegations: (await api.delegations()).items }), []);
  return (
    <>
      <h1>{t('agent.title')}</h1>
      <p class="notice agent-banner" role="note">
        {t('agent.lead')}
      </p>
      <Loaded data={desk.data} error={desk.error}>
        {({ delegations }) => {
          const held = delegations.filter((d) => d.status === 'active' && d.holder === session.claims.sub);
          const enterprises = [...new Set(held.map((d) => d.enterprise))];
          const names = new Map(held.map((d) => [d.enterprise, d.enterpriseName ?? null]));
          return (
            <>
              <Section title={t('agent.agreements')} id="agreements">
                <DelegationTable items={delegations} onDone={desk.reload} side="agent" />
              </Section>
              {enterprises.length ? (
                enterprises.map((enterprise) => (
                  <Section
                    key={enterprise}
                    title={t('agent.enterprise', { enterprise: names.get(enterprise) ?? enterprise })}
                    id={`enterprise-${enterprise}`}
                    actions={
                      <Link href={`/cases/new?applicant=${encodeURIComponent(enterprise)}`} class="button">
                        {t('agent.file')}
                      </Link>
                    }
                  >
                    <p class="hint">
                      <EnterpriseName name={names.get(enterprise)} uscc={enterprise} />
                    </p>
                    <EnterpriseCases enterprise={enterprise} />
                  </Section>
                ))
              ) : (
                <p class="muted">{t('agent.noEnterprises')}</p>
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

/** The cases of one enterprise the agent may act on, page by page (the enterprise's code is the search). */
function EnterpriseCases({ enterprise }: { enterprise: string }) {
  const pages = usePages<ApplicationSummary & { detail?: Application }>(
    async (cursor) => {
      const page = await casesWithDetails({ q: enterprise, cursor });
      // A code is searched as a prefix: keep exactly this enterprise's cases, each with its detail.
      const items = page.items
        .filter((item) => item.applicant === enterprise)
        .map((item) => ({ ...item, detail: page.details.get(item.id) }));
      return { items, nextCursor: page.nextCursor };
    },
    [enterprise],
  );
  const details = new Map(
    pages.items.flatMap((item): Array<[string, Application]> =>
      item.detail ? [[item.id, item.detail]] : [],
    ),
  );
  if (pages.error) return <ErrorNotice error={pages.error} />;
  if (pages.loading && !pages.items.length) return <Loading />;
  return (
    <>
      <CaseList items={pages.items} details={details} empty={t('cases.none')} />
      {pages.more ? (
        <LoadMore count={pages.items.length} more loading={pages.loading} onMore={pages.loadMore} />
      ) : null}
    </>
  );
}
