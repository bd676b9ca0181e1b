/**
 * A pledge verification (告知承诺核查): what was pledged, by when the department verifies, what it found; the
 * department of the pledged item records how it verified (in writing, online, on site, by notice) and what it
 * found, then whether the enterprise rectified; the window revokes once the rectification time has run out.
 */
import { useState } from 'preact/hooks';
import { api, type PledgeVerification } from '../api/index.ts';
import { ErrorNotice, Loaded, StatusBadge } from '../components/ui.tsx';
import { fmtDate, fmtDateTime, t, tDept, tOr } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

const METHODS = ['in-writing', 'online', 'on-site', 'by-notice'] as const;

export function PledgeVerificationPage({ verificationId }: { verificationId: string }) {
  const found = useLoad(() => api.pledgeVerification(verificationId), [verificationId]);
  return (
    <>
      <h1>{t('pledge.verificationTitle')}</h1>
      <Loaded data={found.data} error={found.error}>
        {(v) => <Verification verification={v} onDone={found.reload} />}
      </Loaded>
    </>
  );
}

function Verification({ verification: v, onDone }: { verification: PledgeVerification; onDone: () => void }) {
  const session = useSession()!;
  const [method, setMethod] = useState<string>('on-site');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const org = session.claims.role === 'clerk' ? session.claims.org : null;
  const send = async (type: string, withMethod: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.sendPledgeVerification(v.id, {
        type,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(withMethod ? { data: { method } } : {}),
      });
      setComment('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const department =
    org !== null && org !== 'window' && (v.status === 'verifying' || v.status === 'rectifying');
  return (
    <section class="card">
      <p>
        <StatusBadge status={v.status} />{' '}
        {t('pledge.items', { items: v.items.map(tDept).join(t('punct.listSep')) })}
      </p>
      <dl class="facts">
        <dt>{t('pledge.application')}</dt>
        <dd>
          <Link href={`/cases/${v.application}`}>{v.application}</Link>
        </dd>
        <dt>{t('pledge.licence')}</dt>
        <dd>{v.licence ? <Link href={`/verify/${v.licence}`}>{v.licence}</Link> : '—'}</dd>
        <dt>{t('pledge.due')}</dt>
        <dd>{v.dueAt ? fmtDate(v.dueAt) : '—'}</dd>
        {v.rectifyBy ? (
          <>
            <dt>{t('pledge.rectifyBy')}</dt>
            <dd>{fmtDate(v.rectifyBy)}</dd>
          </>
        ) : null}
      </dl>
      {v.findings.length ? (
        <ul class="findings">
          {v.findings.map((f) => (
            <li key={f.at}>
              {fmtDateTime(f.at)} · {tOr(`pledge.outcome.${f.outcome}`, f.outcome)}
              {f.method ? ` · ${tOr(`pledge.method.${f.method}`, f.method)}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {department ? (
        <div class="pledge-actions">
          {v.status === 'verifying' ? (
            <label>
              {t('pledge.method')}{' '}
              <select value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {tOr(`pledge.method.${m}`, m)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t('pledge.comment')}
            <textarea value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <div class="actions">
            {department && v.status === 'verifying' ? (
              <>
                <button class="primary" disabled={busy} onClick={() => void send('VERIFIED', true)}>
                  {t('pledge.verified')}
                </button>
                <button disabled={busy || !comment.trim()} onClick={() => void send('NON_COMPLIANT', true)}>
                  {t('pledge.nonCompliant')}
                </button>
              </>
            ) : null}
            {department && v.status === 'rectifying' ? (
              <button class="primary" disabled={busy} onClick={() => void send('RECTIFIED', false)}>
                {t('pledge.rectified')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}
