/** Which application to file: the workflows an enterprise can start (agreements are not filed here). */
import { api } from '../api/index.ts';
import { Loaded } from '../components/ui.tsx';
import { t, tWorkflow } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function WorkflowChoice({ applicant }: { applicant: string | null | undefined }) {
  const session = useSession();
  const agent = session?.claims.role === 'agent';
  const workflows = useLoad(() => api.workflows(), []);
  if (agent && !applicant) {
    return (
      <>
        <h1>{t('draft.newTitle')}</h1>
        <p class="notice">{t('agent.chooseEnterprise')}</p>
        <Link href="/agent">{t('nav.agent')}</Link>
      </>
    );
  }
  return (
    <>
      <h1>{t('draft.newTitle')}</h1>
      <p class="lead">{t('draft.chooseWorkflow')}</p>
      <Loaded data={workflows.data} error={workflows.error}>
        {({ items }) => (
          <ul class="choice-list">
            {items
              .filter((w) => w.stages.length > 0)
              .map((w) => (
                <li key={w.id}>
                  <Link
                    class="choice"
                    href={`/cases/new?workflow=${encodeURIComponent(w.id)}${applicant ? `&applicant=${encodeURIComponent(applicant)}` : ''}`}
                  >
                    <strong>{tWorkflow(w.id)}</strong>
                    <span class="muted">{t('draft.stages', { stages: w.stages.join(', ') })}</span>
                  </Link>
                </li>
              ))}
          </ul>
        )}
      </Loaded>
    </>
  );
}
