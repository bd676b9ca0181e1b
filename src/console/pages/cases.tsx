/**
 * The cases the signed-in person may see. For an enterprise: "my cases", each with the one thing to do next
 * (read from the case itself, so open cases are loaded one by one); auditors see every case.
 */
import { api, type Application, type ApplicationSummary } from '../api/index.ts';
import { CaseList, FINAL_STATUSES } from '../components/case-list.tsx';
import { Loaded } from '../components/ui.tsx';
import { t } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

/** The listed cases and, for those still open, their detail (nextAction, fees). */
export async function casesWithDetails(
  filters: Parameters<typeof api.applications>[0] = {},
  withDetails = true,
): Promise<{ items: ApplicationSummary[]; details: Map<string, Application> }> {
  const { items } = await api.applications(filters);
  const open = withDetails ? items.filter((item) => !FINAL_STATUSES.includes(item.status)).slice(0, 50) : [];
  const details = await Promise.all(open.map((item) => api.application(item.id)));
  return { items, details: new Map(details.map((d) => [d.id, d])) };
}

export function CasesPage() {
  const session = useSession();
  const enterprise = session?.claims.role === 'applicant';
  const cases = useLoad(() => casesWithDetails({}, enterprise), [enterprise]);
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
      <Loaded data={cases.data} error={cases.error}>
        {({ items, details }) => <CaseList items={items} details={details} empty={t('cases.none')} />}
      </Loaded>
    </>
  );
}
