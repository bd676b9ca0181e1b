/**
 * Proxy handling (全程代办) for the enterprise: grant an agreement to the service team, see each one and who
 * holds it, revoke it at any time (the agent loses access at once).
 */
import { useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EnterpriseName } from '../components/list-controls.tsx';
import { api, type Delegation, type DelegationRequest } from '../api/index.ts';
import { ErrorNotice, Loaded, Section, StatusBadge, TableScroll } from '../components/ui.tsx';
import { fmtDate, t, tOr, tWorkflow } from '../i18n/index.ts';
import { useLoad } from '../lib/use-load.ts';

const STAGES = [1, 2, 3, 4, 5];

/** What an agreement covers, in words. */
export function scopeText(d: Pick<Delegation, 'stages' | 'applications'>): string {
  const parts: string[] = [];
  if (d.stages)
    parts.push(
      d.stages.map((s) => (typeof s === 'number' ? tOr(`stage.${s}`, String(s)) : tWorkflow(s))).join('、'),
    );
  if (d.applications) parts.push(t('delegations.cases', { count: d.applications.length }));
  return parts.length ? parts.join('; ') : t('delegations.allCases');
}

export function DelegationsPage() {
  const list = useLoad(() => api.delegations(), []);
  return (
    <>
      <h1>{t('delegations.title')}</h1>
      <p class="lead">{t('delegations.lead')}</p>
      <Section title={t('delegations.grant')} id="grant">
        <GrantForm onDone={list.reload} />
      </Section>
      <Section title={t('delegations.list')} id="agreements">
        <Loaded data={list.data} error={list.error}>
          {({ items }) => <DelegationTable items={items} onDone={list.reload} />}
        </Loaded>
      </Section>
    </>
  );
}

function GrantForm({ onDone }: { onDone(): void }) {
  const [agent, setAgent] = useState('');
  const [scope, setScope] = useState<'all' | 'stages'>('all');
  const [stages, setStages] = useState<number[]>([2, 3]);
  const [expires, setExpires] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    const body: DelegationRequest = {
      // The agreement lasts to the end of the chosen day in Shanghai.
      expiresAt: expires ? `${expires}T23:59:59+08:00` : '',
      ...(agent.trim() ? { agent: agent.trim() } : {}),
      ...(scope === 'stages' && stages.length ? { stages: stages as [number, ...number[]] } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    try {
      await api.requestDelegation(body);
      setDone(true);
      setAgent('');
      setNote('');
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  const toggle = (stage: number) =>
    setStages((current) =>
      current.includes(stage) ? current.filter((s) => s !== stage) : [...current, stage].sort(),
    );
  return (
    <form onSubmit={submit} noValidate>
      <div class="field">
        <label for="grant-agent">{t('delegations.agent')}</label>
        <p class="hint" id="grant-agent-hint">
          {t('delegations.agentHint')}
        </p>
        <input
          id="grant-agent"
          aria-describedby="grant-agent-hint"
          value={agent}
          autoComplete="off"
          onInput={(e) => setAgent(e.currentTarget.value)}
        />
      </div>
      <fieldset>
        <legend>{t('delegations.scope')}</legend>
        <label class="radio">
          <input type="radio" name="grant-scope" checked={scope === 'all'} onChange={() => setScope('all')} />{' '}
          {t('delegations.allCases')}
        </label>
        <label class="radio">
          <input
            type="radio"
            name="grant-scope"
            checked={scope === 'stages'}
            onChange={() => setScope('stages')}
          />{' '}
          {t('delegations.someStages')}
        </label>
        {scope === 'stages' ? (
          <div class="checks">
            {STAGES.map((stage) => (
              <label key={stage} class="radio">
                <input type="checkbox" checked={stages.includes(stage)} onChange={() => toggle(stage)} />{' '}
                {tOr(`stage.${stage}`, String(stage))}
              </label>
            ))}
          </div>
        ) : null}
      </fieldset>
      <div class="field">
        <label for="grant-expires">{t('delegations.expires')}</label>
        <input
          id="grant-expires"
          type="date"
          value={expires}
          onInput={(e) => setExpires(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="grant-note">{t('delegations.note')}</label>
        <textarea id="grant-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <ErrorNotice error={error} />
      {done ? (
        <p class="notice good" role="status">
          {t('delegations.granted')}
        </p>
      ) : null}
      <button type="submit" class="primary">
        {t('delegations.grantButton')}
      </button>
    </form>
  );
}

/** The agreements, each with the actions its side may take (the enterprise revokes or concludes; the agent accepts or refuses). */
export function DelegationTable({
  items,
  onDone,
  side = 'enterprise',
}: {
  items: Delegation[];
  onDone(): void;
  side?: 'enterprise' | 'agent';
}) {
  const [error, setError] = useState<unknown>(null);
  // Revoking and refusing cannot be undone: asked about first.
  const [asking, setAsking] = useState<{ id: string; action: 'refuse' | 'revoke' } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const pending = useRef(false);
  if (!items.length) return <p class="muted">{t('delegations.none')}</p>;
  const act = async (id: string, action: 'accept' | 'refuse' | 'revoke' | 'complete') => {
    setAsking(null);
    if (pending.current) return;
    pending.current = true;
    setBusy(id);
    setError(null);
    try {
      await api.delegationAction(id, action, action === 'refuse' ? t('delegations.refuseReason') : undefined);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      pending.current = false;
      setBusy(null);
    }
  };
  const actions = (d: Delegation): Array<'accept' | 'refuse' | 'revoke' | 'complete'> => {
    if (side === 'agent')
      return d.status === 'requested' ? ['accept', 'refuse'] : d.status === 'active' ? ['complete'] : [];
    return d.status === 'requested' ? ['revoke'] : d.status === 'active' ? ['revoke', 'complete'] : [];
  };
  return (
    <>
      <ErrorNotice error={error} />
      <TableScroll label={t('delegations.list')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{side === 'agent' ? t('delegations.enterprise') : t('delegations.holder')}</th>
              <th scope="col">{t('delegations.scope')}</th>
              <th scope="col">{t('delegations.expires')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('fees.action')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td data-label={side === 'agent' ? t('delegations.enterprise') : t('delegations.holder')}>
                  {side === 'agent' ? (
                    <EnterpriseName name={d.enterpriseName} uscc={d.enterprise} />
                  ) : d.holder ? (
                    (d.holderName ?? d.holder)
                  ) : d.agent ? (
                    (d.agentName ?? d.agent)
                  ) : (
                    t('delegations.anyAgent')
                  )}
                </td>
                <td data-label={t('delegations.scope')}>{scopeText(d)}</td>
                <td data-label={t('delegations.expires')}>{fmtDate(d.expiresAt)}</td>
                <td data-label={t('common.status')}>
                  <StatusBadge status={d.status} />
                </td>
                <td data-label={t('fees.action')} class="row-actions">
                  {actions(d).map((action) => (
                    <button
                      key={action}
                      type="button"
                      class={action === 'accept' ? 'primary' : action === 'revoke' ? 'danger' : undefined}
                      disabled={busy === d.id}
                      onClick={() =>
                        action === 'refuse' || action === 'revoke'
                          ? setAsking({ id: d.id, action })
                          : void act(d.id, action)
                      }
                    >
                      {t(`delegations.${action}`)}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ConfirmDialog
        open={asking !== null}
        title={asking?.action === 'refuse' ? t('confirm.refuseTitle') : t('confirm.revokeTitle')}
        body={asking?.action === 'refuse' ? t('confirm.refuseBody') : t('confirm.revokeBody')}
        confirm={t(`delegations.${asking?.action ?? 'revoke'}`)}
        onConfirm={() => asking && void act(asking.id, asking.action)}
        onCancel={() => setAsking(null)}
      />
    </>
  );
}
