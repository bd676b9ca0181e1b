/**
 * The credit register (信用记录) for administrators and auditors: every record with whether it still excludes
 * its enterprise from approval on pledge, and the repair requests; administrators write records and decide
 * repairs, with reasons. Auditors read only.
 */
import { useState } from 'preact/hooks';
import { api, type CreditRepair } from '../api/index.ts';
import { ErrorNotice, Loaded, Section, StatusBadge, TableScroll } from '../components/ui.tsx';
import { fmtDate, t, tOr } from '../i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function CreditPage() {
  const admin = useSession()!.claims.role === 'admin';
  const records = useLoad(() => api.creditRecords(), []);
  const repairs = useLoad(() => api.creditRepairs(), []);
  return (
    <>
      <h1>{t('credit.title')}</h1>
      <p class="lead">{t('credit.lead')}</p>
      <Section title={t('credit.records')}>
        <Loaded data={records.data} error={records.error}>
          {(page) => (
            <TableScroll label={t('credit.records')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('credit.enterprise')}</th>
                    <th scope="col">{t('credit.kind')}</th>
                    <th scope="col">{t('credit.source')}</th>
                    <th scope="col">{t('credit.until')}</th>
                    <th scope="col">{t('credit.excludes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => (
                    <tr key={r.id}>
                      <td>{r.enterprise}</td>
                      <td>{tOr(`credit.kind.${r.kind}`, r.kind)}</td>
                      <td>
                        {r.source} · {fmtDate(r.decidedOn)}
                      </td>
                      <td>{r.ineligibleUntil ? fmtDate(r.ineligibleUntil) : t('credit.untilRepaired')}</td>
                      <td>{r.excludes ? t('common.yes') : t('common.no')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </Loaded>
      </Section>
      {admin ? <WriteRecord onDone={records.reload} /> : null}
      <Section title={t('credit.repairs')}>
        <Loaded data={repairs.data} error={repairs.error}>
          {(page) => (
            <ul class="repairs">
              {page.items.map((r) => (
                <Repair
                  key={r.id}
                  repair={r}
                  admin={admin}
                  onDone={() => (repairs.reload(), records.reload())}
                />
              ))}
            </ul>
          )}
        </Loaded>
      </Section>
    </>
  );
}

function Repair(props: { repair: CreditRepair; admin: boolean; onDone: () => void }) {
  const { repair } = props;
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = async (type: 'GRANT' | 'REFUSE') => {
    setError(null);
    try {
      await api.decideCreditRepair(repair.id, type, comment.trim());
      props.onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li>
      <StatusBadge status={repair.status} /> {repair.enterprise} · {repair.reason}
      {props.admin && repair.status === 'requested' ? (
        <div class="actions">
          <label>
            {t('credit.decisionReason')}
            <input value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <button class="primary" disabled={!comment.trim()} onClick={() => void decide('GRANT')}>
            {t('credit.grant')}
          </button>
          <button disabled={!comment.trim()} onClick={() => void decide('REFUSE')}>
            {t('credit.refuse')}
          </button>
        </div>
      ) : null}
      <ErrorNotice error={error} />
    </li>
  );
}

function WriteRecord({ onDone }: { onDone: () => void }) {
  const [enterprise, setEnterprise] = useState('');
  const [source, setSource] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.writeCreditRecord({
        enterprise: enterprise.trim(),
        kind: 'serious-bad-credit',
        source: source.trim(),
        decidedOn,
        ...(until ? { ineligibleUntil: until } : {}),
      });
      setEnterprise('');
      setSource('');
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section title={t('credit.write')}>
      <form onSubmit={submit}>
        <label>
          {t('credit.enterprise')}
          <input value={enterprise} onInput={(e) => setEnterprise(e.currentTarget.value)} required />
        </label>
        <label>
          {t('credit.source')}
          <input value={source} onInput={(e) => setSource(e.currentTarget.value)} required />
        </label>
        <label>
          {t('credit.decidedOn')}
          <input
            type="date"
            value={decidedOn}
            onInput={(e) => setDecidedOn(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          {t('credit.until')}
          <input type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            {t('credit.writeButton')}
          </button>
        </div>
        <ErrorNotice error={error} />
      </form>
    </Section>
  );
}
