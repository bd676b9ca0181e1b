/**
 * The enterprise's own directory entry: its name, legal representative and contact phone, which every
 * department and agent sees in place of its code. Only the enterprise (or an administrator) keeps it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Enterprise } from '../api/index.ts';
import { ErrorNotice, Loaded } from '../components/ui.tsx';
import { t, tOr } from '../i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function EnterprisePage() {
  const session = useSession()!;
  const uscc = session.claims.org ?? '';
  const entry = useLoad(() => api.enterprise(uscc), [uscc]);
  return (
    <>
      <h1>{t('enterprise.title')}</h1>
      <p class="lead">{t('enterprise.lead')}</p>
      <p class="muted">{t('enterprise.code', { uscc })}</p>
      <Loaded data={entry.data} error={entry.error}>
        {(data) => <EntryForm uscc={uscc} entry={data} />}
      </Loaded>
    </>
  );
}

function EntryForm({ uscc, entry }: { uscc: string; entry: Enterprise }) {
  const [name, setName] = useState(entry.name ?? '');
  const [legal, setLegal] = useState(entry.legalRepresentative ?? '');
  const [phone, setPhone] = useState(entry.contactPhone ?? '');
  const [source, setSource] = useState(entry.nameSource);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setSaved(false), [name, legal, phone]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const kept = await api.keepEnterprise(uscc, {
        name: name.trim(),
        legalRepresentative: legal.trim() || null,
        contactPhone: phone.trim() || null,
      });
      setSource(kept.nameSource);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <ErrorNotice error={error} />
      <div class="field">
        <label for="enterprise-name">{t('enterprise.name')}</label>
        {source ? (
          <p class="hint" id="enterprise-name-hint">
            {tOr(`enterprise.source.${source}`, '')}
          </p>
        ) : null}
        <input
          id="enterprise-name"
          required
          maxLength={200}
          value={name}
          aria-describedby={source ? 'enterprise-name-hint' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="enterprise-legal">{t('enterprise.legalRepresentative')}</label>
        <input
          id="enterprise-legal"
          maxLength={100}
          value={legal}
          onInput={(e) => setLegal(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="enterprise-phone">{t('enterprise.contactPhone')}</label>
        <input
          id="enterprise-phone"
          type="tel"
          maxLength={40}
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !name.trim()}>
          {t('enterprise.save')}
        </button>
        {saved ? (
          <p role="status" class="muted">
            {t('enterprise.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
