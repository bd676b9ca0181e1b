/**
 * The agent's desk (代办专班): the agreements offered to it and held by it, and for each enterprise that
 * delegated to it, that enterprise's cases in scope. Everything done here is done on the enterprise's behalf.
 */
import { api } from '../api/index.ts';
import { CaseList } from '../components/case-list.tsx';
import { Loaded, Section } from '../components/ui.tsx';
import { t } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';
import { casesWithDetails } from './cases.tsx';
import { DelegationTable } from './delegations.tsx';

export function AgentPage() {
  const session = useSession()!;
  const desk = useLoad(async () => {
    const [delegations, cases] = await Promise.all([api.delegations(), casesWithDetails()]);
    return { delegations: delegations.items, ...cases };
  }, []);
  return (
    <>
      <h1>{t('agent.title')}</h1>
      <p class="notice agent-banner" role="note">
        {t('agent.lead')}
      </p>
      <Loaded data={desk.data} error={desk.error}>
        {({ delegations, items, details }) => {
          const held = delegations.filter((d) => d.status === 'active' && d.holder === session.claims.sub);
          const enterprises = [...new Set(held.map((d) => d.enterprise))];
          return (
            <>
              <Section title={t('agent.agreements')} id="agreements">
                <DelegationTable items={delegations} onDone={desk.reload} side="agent" />
              </Section>
              {enterprises.length ? (
                enterprises.map((enterprise) => (
                  <Section
                    key={enterprise}
                    title={t('agent.enterprise', { enterprise })}
                    id={`enterprise-${enterprise}`}
                    actions={
                      <Link href={`/cases/new?applicant=${encodeURIComponent(enterprise)}`} class="button">
                        {t('agent.file')}
                      </Link>
                    }
                  >
                    <p class="hint">{t('agent.onBehalf', { enterprise })}</p>
                    <CaseList
                      items={items.filter((item) => item.applicant === enterprise)}
                      details={details}
                      empty={t('cases.none')}
                    />
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
