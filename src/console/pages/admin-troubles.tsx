/**
 * The work that keeps failing, for the administrator: timers whose event fails and outbox messages the receiver
 * refuses, parked as dead after their last attempt or still retried; a dead one gets a fresh start once its
 * cause is fixed. The technical error stays behind a disclosure: it is the service's own words, for support.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi, type TroubledStatus } from '../api/admin.ts';
import type { OutboxMessage, Timer } from '../api/index.ts';
import { ErrorNotice, Loaded, Section } from '../components/ui.tsx';
import { fmtDateTime, t, tEvent, tOr } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useLoad } from '../lib/use-load.ts';

/** One failing piece of work as the table shows it, whichever kind it is. */
interface Row {
  id: number;
  caseId: string | null;
  what: string;
  when: string;
  attempts: number;
  deadAt: string | null;
  lastError: string | null;
}

const timerRow = (timer: Timer): Row => ({
  id: timer.id,
  caseId: timer.applicationId,
  what: tEvent(timer.event),
  when: timer.dueAt,
  attempts: timer.attempts,
  deadAt: timer.deadAt,
  lastError: timer.lastError,
});

const messageRow = (message: OutboxMessage): Row => ({
  id: message.id,
  caseId: message.applicationId,
  what: tOr(`admin.message.${message.type}`, message.type),
  when: message.createdAt,
  attempts: message.attempts,
  deadAt: message.deadAt,
  lastError: message.lastError,
});

function RetryButton({ label, retry }: { label: string; retry(): Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} aria-label={label}>
        {t('admin.retry')}
      </button>
    );
  }
  return (
    <span role="group" aria-label={t('admin.confirmRetry')}>
      <button type="button" class="primary" ref={confirmRef} onClick={retry}>
        {t('admin.confirmRetry')}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        {t('admin.cancel')}
      </button>
    </span>
  );
}

function TroubleTable(props: {
  kind: 'timers' | 'outbox';
  rows: Row[];
  retry(id: number): Promise<unknown>;
  onDone(): void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [retried, setRetried] = useState<number | null>(null);
  const retry = async (id: number) => {
    setError(null);
    try {
      await props.retry(id);
      setRetried(id);
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <ErrorNotice error={error} />
      {retried !== null ? (
        <p class="notice good" role="status">
          {t('admin.retried', { id: retried })}
        </p>
      ) : null}
      {!props.rows.length ? <p class="muted">{t(`admin.${props.kind}.none`)}</p> : null}
      {props.rows.length ? (
        <div class="table-scroll">
          <table data-kind={props.kind}>
            <caption>{t(`admin.${props.kind}.caption`, { count: props.rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.troubleId')}</th>
                <th scope="col">{t(`admin.${props.kind}.what`)}</th>
                <th scope="col">{t('admin.troubleCase')}</th>
                <th scope="col">{t(`admin.${props.kind}.when`)}</th>
                <th scope="col">{t('admin.attempts')}</th>
                <th scope="col">{t('admin.deadAt')}</th>
                <th scope="col">{t('fees.action')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.id} data-id={row.id}>
                  <th scope="row">{row.id}</th>
                  <td>
                    {row.what}
                    {row.lastError ? (
                      <details>
                        <summary>{t('admin.technical')}</summary>
                        <code>{row.lastError}</code>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    {row.caseId ? <Link href={`/cases/${row.caseId}`}>{t('admin.openCase')}</Link> : '—'}
                  </td>
                  <td>{fmtDateTime(row.when)}</td>
                  <td>{row.attempts}</td>
                  <td>{row.deadAt ? fmtDateTime(row.deadAt) : t('admin.stillRetried')}</td>
                  <td>
                    {row.deadAt ? (
                      <RetryButton label={t('admin.retryOne', { id: row.id })} retry={() => retry(row.id)} />
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export function AdminTroublesPage() {
  const [status, setStatus] = useState<TroubledStatus>('dead');
  const timers = useLoad(() => adminApi.timers(status), [status]);
  const outbox = useLoad(() => adminApi.outbox(status), [status]);
  return (
    <>
      <h1>{t('admin.troublesTitle')}</h1>
      <p class="lead">{t('admin.troublesLead')}</p>
      <fieldset>
        <legend>{t('admin.troubleStatus')}</legend>
        {(['dead', 'retrying'] as const).map((s) => (
          <label class="radio" key={s}>
            <input type="radio" name="trouble-status" checked={status === s} onChange={() => setStatus(s)} />{' '}
            {t(`admin.status.${s}`)}
          </label>
        ))}
      </fieldset>
      <Section title={t('admin.timers.title')} id="timers">
        <Loaded data={timers.data} error={timers.error}>
          {({ items }) => (
            <TroubleTable
              kind="timers"
              rows={items.map(timerRow)}
              retry={adminApi.retryTimer}
              onDone={timers.reload}
            />
          )}
        </Loaded>
      </Section>
      <Section title={t('admin.outbox.title')} id="outbox">
        <Loaded data={outbox.data} error={outbox.error}>
          {({ items }) => (
            <TroubleTable
              kind="outbox"
              rows={items.map(messageRow)}
              retry={adminApi.retryOutbox}
              onDone={outbox.reload}
            />
          )}
        </Loaded>
      </Section>
    </>
  );
}
