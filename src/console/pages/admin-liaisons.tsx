/** The administrator names the clerk who follows an enterprise's cases one to one (一对一挂点服务). */
import { useState } from 'preact/hooks';
import { adminApi } from '../api/admin.ts';
import type { LiaisonAssignment } from '../api/index.ts';
import { ErrorNotice, Section } from '../components/ui.tsx';
import { fmtDateTime, t } from '../i18n/index.ts';

/** What the service answered about one enterprise's liaison, in a sentence. */
function LiaisonLine({ liaison }: { liaison: LiaisonAssignment }) {
  return (
    <p class="notice" role="status" id="liaison-current">
      {liaison.clerk
        ? t('admin.liaisonIs', {
            enterprise: liaison.enterprise,
            clerk: liaison.clerk,
            at: fmtDateTime(liaison.assignedAt),
          })
        : t('admin.liaisonNone', { enterprise: liaison.enterprise })}
    </p>
  );
}

export function AdminLiaisonsPage() {
  const [uscc, setUscc] = useState('');
  const [clerk, setClerk] = useState('');
  const [found, setFound] = useState<LiaisonAssignment | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Issue 13: codes are upper-cased before they are checked.
  const code = uscc.trim().toUpperCase();

  const look = async () => {
    setError(null);
    setFound(null);
    try {
      setFound(await adminApi.liaison(code));
    } catch (caught) {
      setError(caught);
    }
  };
  const name = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      setFound(await adminApi.nameLiaison(code, clerk.trim()));
      setClerk('');
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <h1>{t('admin.liaisonsTitle')}</h1>
      <p class="lead">{t('admin.liaisonsLead')}</p>
      <Section title={t('admin.liaisonSection')} id="liaison">
        <form onSubmit={name} noValidate>
          <div class="field">
            <label for="liaison-uscc">{t('admin.liaisonUscc')}</label>
            <input
              id="liaison-uscc"
              value={uscc}
              maxLength={18}
              autoComplete="off"
              onInput={(e) => {
                setUscc(e.currentTarget.value);
                setFound(null);
              }}
            />
          </div>
          <div class="row-actions">
            <button type="button" onClick={look} disabled={!code}>
              {t('admin.liaisonLook')}
            </button>
          </div>
          <div class="field">
            <label for="liaison-clerk">{t('admin.liaisonClerk')}</label>
            <p class="hint" id="liaison-clerk-hint">
              {t('admin.liaisonClerkHint')}
            </p>
            <input
              id="liaison-clerk"
              aria-describedby="liaison-clerk-hint"
              value={clerk}
              autoComplete="off"
              onInput={(e) => setClerk(e.currentTarget.value)}
            />
          </div>
          <ErrorNotice error={error} />
          {found ? <LiaisonLine liaison={found} /> : null}
          <button type="submit" class="primary">
            {t('admin.liaisonName')}
          </button>
        </form>
      </Section>
    </>
  );
}
