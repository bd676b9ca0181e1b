/**
 * The supplement page (补正): exactly what the open requests asked for — each request's reasons and the
 * materials it named, with an upload for each — and the button that answers them all (SUPPLEMENT). One
 * supplement answers every open request (docs/domain.md, "When the clock stops").
 */
import { useState } from 'preact/hooks';
import { api, type HistoryItem } from '../api/index.ts';
import { Materials } from '../components/materials.tsx';
import { ErrorNotice, Loaded, Section } from '../components/ui.tsx';
import { fmtDateTime, t, tDept } from '../i18n/index.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

/** The requests for supplements not yet answered, and the materials each named with its reason. */
export function openRequests(history: HistoryItem[]) {
  const lastSupplement = Math.max(0, ...history.filter((h) => h.type === 'SUPPLEMENT').map((h) => h.seq));
  const requests = history.filter((h) => h.type === 'REQUEST_SUPPLEMENT' && h.seq > lastSupplement);
  const reasons: Record<string, string> = {};
  for (const request of requests) {
    const asked = (request.data?.materials as Array<{ code: string; reason: string }> | undefined) ?? [];
    for (const { code, reason } of asked)
      reasons[code] = reasons[code] ? `${reasons[code]}；${reason}` : reason;
  }
  return { requests, reasons };
}

export function SupplementPage({ caseId }: { caseId: string }) {
  const session = useSession()!;
  const found = useLoad(async () => {
    const [app, history] = await Promise.all([api.application(caseId), api.history(caseId)]);
    return { app, history: history.items };
  }, [caseId]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Loaded data={found.data} error={found.error}>
      {({ app, history }) => {
        const { requests, reasons } = openRequests(history);
        const codes = Object.keys(reasons);
        const send = async () => {
          setBusy(true);
          setError(null);
          try {
            await api.send(app.id, { type: 'SUPPLEMENT' });
            navigate(`/cases/${app.id}`);
          } catch (caught) {
            setError(caught);
          } finally {
            setBusy(false);
          }
        };
        return (
          <>
            <h1>{t('supplement.title')}</h1>
            <p>
              <Link href={`/cases/${app.id}`}>{t('supplement.back')}</Link>
            </p>
            {requests.length ? (
              <Section title={t('supplement.asked')} id="supplement-asked">
                <ul class="plain requests">
                  {requests.map((request) => (
                    <li key={request.seq} class="open">
                      <p>
                        <strong>{request.actor.org ? tDept(request.actor.org) : request.actor.sub}</strong> ·{' '}
                        {fmtDateTime(request.at)}
                      </p>
                      {request.comment ? <blockquote>{request.comment}</blockquote> : null}
                    </li>
                  ))}
                </ul>
              </Section>
            ) : (
              <p class="muted">{t('supplement.nothingOpen')}</p>
            )}
            {codes.length ? (
              <Section title={t('supplement.materials')} id="supplement-materials">
                <Materials app={app} session={session} onDone={found.reload} only={codes} reasons={reasons} />
              </Section>
            ) : null}
            {app.allowedEvents.includes('SUPPLEMENT') ? (
              <p>
                <ErrorNotice error={error} />
                <button type="button" class="primary" disabled={busy} onClick={send}>
                  {t('supplement.send')}
                </button>
              </p>
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}
