/**
 * The investor's objection to a member of the panel (recusal on the investor's motion), before the meeting:
 * which member and why; the review officer decides it. Sent as the case event `OBJECTION`, once per act.
 */
import { useRef, useState } from 'preact/hooks';
import { api, type Application } from '../api/index.ts';
import { idempotencyKey } from '../api/client.ts';
import { t } from '../i18n/index.ts';
import { ErrorNotice } from './ui.tsx';

type Member = NonNullable<Application['investmentReview']>['panel'][number];

export function ReviewObjection(props: { app: Application; members: Member[]; onDone(): void }) {
  const open = props.members.filter((m) => !m.objection);
  const [expert, setExpert] = useState(open[0]?.expert ?? '');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const key = useRef(idempotencyKey());
  if (open.length === 0) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.send(props.app.id, { type: 'OBJECTION', comment, data: { expert } }, key.current);
      key.current = idempotencyKey();
      setSent(true);
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <h3>{t('progress.objection')}</h3>
      <label for="objection-member">{t('progress.objectionMember')}</label>
      <select id="objection-member" value={expert} onChange={(e) => setExpert(e.currentTarget.value)}>
        {open.map((m) => (
          <option key={m.expert} value={m.expert}>
            {m.name ?? m.expert}
          </option>
        ))}
      </select>
      <label for="objection-reason">{t('progress.objectionReason')}</label>
      <textarea id="objection-reason" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <button type="submit">{t('progress.objectionSend')}</button>
      {sent ? (
        <p class="notice ok" role="status">
          {t('progress.objectionSent')}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
