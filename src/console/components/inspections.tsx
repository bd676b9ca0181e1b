/**
 * Inspections on a case: the ones the project needs (fixed at acceptance), each scheduled one with its date
 * and result. A clerk schedules only items of the published checklist for its own department and this
 * workflow (nothing else can be chosen), and records pass or fail with findings.
 */
import { useState } from 'preact/hooks';
import { api, type Application, type PublishedChecklist } from '../api/index.ts';
import { fmtDateTime, localName, t, tDept } from '../i18n/index.ts';
import type { Session } from '../lib/session.ts';
import { ErrorNotice, StatusBadge, TableScroll } from './ui.tsx';

interface Props {
  app: Application;
  session: Session;
  checklist: PublishedChecklist | undefined;
  onDone(): void;
}

export function Inspections({ app, session, checklist, onDone }: Props) {
  const { role, org } = session.claims;
  const names = new Map(checklist?.inspections.map((item) => [item.code, item.name]));
  const mine =
    role === 'clerk'
      ? (checklist?.inspections ?? []).filter((i) => i.department === org && i.steps.includes(app.workflow))
      : [];
  return (
    <>
      {app.requiredInspections.length ? (
        <>
          <h3>{t('inspections.required')}</h3>
          <ul class="plain">
            {app.requiredInspections.map((item) => (
              <li key={item.code}>
                {localName(names.get(item.code) ?? item.code)} · {tDept(item.department)}{' '}
                <StatusBadge status={item.status} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {app.inspections.length ? (
        <TableScroll label={t('inspections.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('inspections.item')}</th>
                <th scope="col">{t('inspections.department')}</th>
                <th scope="col">{t('inspections.date')}</th>
                <th scope="col">{t('inspections.result')}</th>
              </tr>
            </thead>
            <tbody>
              {app.inspections.map((inspection) => (
                <tr key={inspection.id}>
                  <td data-label={t('inspections.item')}>{localName(inspection.name)}</td>
                  <td data-label={t('inspections.department')}>{tDept(inspection.department)}</td>
                  <td data-label={t('inspections.date')}>{fmtDateTime(inspection.scheduledAt)}</td>
                  <td data-label={t('inspections.result')}>
                    <StatusBadge status={inspection.status} />
                    {inspection.findings ? <div class="muted">{inspection.findings}</div> : null}
                    {inspection.status === 'scheduled' &&
                    role === 'clerk' &&
                    inspection.department === org ? (
                      <RecordResult caseId={app.id} inspectionId={inspection.id} onDone={onDone} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p class="muted">{t('inspections.none')}</p>
      )}
      {role === 'clerk' && checklist ? (
        <Schedule app={app} items={mine} version={checklist.version} onDone={onDone} />
      ) : null}
    </>
  );
}

/** `2026-11-30T09:00` typed in Shanghai → the ISO time with its offset. */
const shanghaiTime = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : '');

function Schedule(props: {
  app: Application;
  items: PublishedChecklist['inspections'];
  version: number;
  onDone(): void;
}) {
  const [code, setCode] = useState('');
  const [when, setWhen] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!props.items.length) return <p class="hint">{t('inspections.noneForYou')}</p>;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.scheduleInspection(props.app.id, { code, scheduledAt: shanghaiTime(when) });
      setCode('');
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="subform" onSubmit={submit} noValidate>
      <h3>{t('inspections.schedule')}</h3>
      <div class="field">
        <label for="inspection-code">{t('inspections.fromChecklist', { version: props.version })}</label>
        <select id="inspection-code" value={code} onChange={(e) => setCode(e.currentTarget.value)}>
          <option value="">{t('form.choose')}</option>
          {props.items.map((item) => (
            <option key={item.code} value={item.code}>
              {localName(item.name)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="inspection-when">{t('inspections.when')}</label>
        <input
          id="inspection-when"
          type="datetime-local"
          value={when}
          onInput={(e) => setWhen(e.currentTarget.value)}
        />
      </div>
      <ErrorNotice error={error} />
      <button type="submit" disabled={!code || !when}>
        {t('inspections.scheduleButton')}
      </button>
    </form>
  );
}

function RecordResult(props: { caseId: string; inspectionId: number; onDone(): void }) {
  const [result, setResult] = useState<'pass' | 'fail'>('pass');
  const [findings, setFindings] = useState('');
  const [error, setError] = useState<unknown>(null);
  const id = `result-${props.inspectionId}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.inspectionResult(props.caseId, props.inspectionId, {
        result,
        ...(findings.trim() ? { findings: findings.trim() } : {}),
      });
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('inspections.result')}</legend>
        {(['pass', 'fail'] as const).map((value) => (
          <label key={value} class="radio">
            <input
              type="radio"
              name={id}
              value={value}
              checked={result === value}
              onChange={() => setResult(value)}
            />{' '}
            {value === 'pass' ? t('inspections.pass') : t('inspections.fail')}
          </label>
        ))}
      </fieldset>
      <label for={`${id}-findings`}>{t('inspections.findings')}</label>
      <textarea
        id={`${id}-findings`}
        rows={2}
        value={findings}
        onInput={(e) => setFindings(e.currentTarget.value)}
      />
      <ErrorNotice error={error} />
      <button type="submit">{t('inspections.record')}</button>
    </form>
  );
}
