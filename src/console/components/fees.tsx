/**
 * Fees on a case. The enterprise (or its agent) pays an assessed fee with its payment reference; a clerk
 * assesses a fee chosen from the published checklist (nothing else can be chosen) or waives one with reasons.
 */
import { useState } from 'preact/hooks';
import { api, type Application, type PublishedChecklist } from '../api/index.ts';
import { fmtMoney, lang, localName, t, tOr } from '../i18n/index.ts';
import type { Role } from '../lib/session.ts';
import { ErrorNotice, StatusBadge, TableScroll } from './ui.tsx';

interface Props {
  app: Application;
  role: Role;
  checklist: PublishedChecklist | undefined;
  onDone(): void;
}

export function Fees({ app, role, checklist, onDone }: Props) {
  const payer = role === 'applicant' || role === 'agent';
  const clerk = role === 'clerk';
  return (
    <>
      {app.fees.length ? (
        <TableScroll label={t('fees.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fees.item')}</th>
                <th scope="col">{t('fees.quantity')}</th>
                <th scope="col">{t('fees.amount')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('fees.action')}</th>
              </tr>
            </thead>
            <tbody>
              {app.fees.map((fee) => (
                <tr key={fee.id}>
                  <td data-label={t('fees.item')}>
                    {localName(fee.name)}
                    <div class="muted">
                      {t('fees.version', { code: fee.code, version: fee.checklistVersion })}
                    </div>
                  </td>
                  <td data-label={t('fees.quantity')}>
                    {fee.quantity} {tOr(`unit.${fee.unit}`, fee.unit)} × {fmtMoney(fee.rate)}
                  </td>
                  <td data-label={t('fees.amount')}>{fmtMoney(fee.amount)}</td>
                  <td data-label={t('common.status')}>
                    <StatusBadge status={fee.status} />
                    {fee.paymentRef ? <div class="muted">{fee.paymentRef}</div> : null}
                    {fee.waiveReason ? <div class="muted">{fee.waiveReason}</div> : null}
                  </td>
                  <td data-label={t('fees.action')}>
                    {fee.status === 'assessed' && payer ? (
                      <FeeAction caseId={app.id} feeId={fee.id} kind="pay" onDone={onDone} />
                    ) : fee.status === 'assessed' && clerk ? (
                      <FeeAction caseId={app.id} feeId={fee.id} kind="waive" onDone={onDone} />
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p class="muted">{t('fees.none')}</p>
      )}
      {clerk && checklist ? <AssessFee app={app} checklist={checklist} onDone={onDone} /> : null}
    </>
  );
}

function FeeAction(props: { caseId: string; feeId: number; kind: 'pay' | 'waive'; onDone(): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const id = `fee-${props.feeId}-${props.kind}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      if (props.kind === 'pay') await api.payFee(props.caseId, props.feeId, text.trim());
      else await api.waiveFee(props.caseId, props.feeId, text.trim());
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <label for={id}>{props.kind === 'pay' ? t('fees.paymentRef') : t('fees.waiveReason')}</label>
      <input id={id} value={text} autoComplete="off" onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" class={props.kind === 'pay' ? 'primary' : undefined}>
        {props.kind === 'pay' ? t('fees.pay') : t('fees.waive')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}

function AssessFee({
  app,
  checklist,
  onDone,
}: {
  app: Application;
  checklist: PublishedChecklist;
  onDone(): void;
}) {
  const [code, setCode] = useState('');
  const [quantity, setQuantity] = useState('');
  const [error, setError] = useState<unknown>(null);
  const item = checklist.fees.find((fee) => fee.code === code);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.assessFee(app.id, { code, ...(quantity.trim() ? { quantity: Number(quantity) } : {}) });
      setCode('');
      setQuantity('');
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="subform" onSubmit={submit} noValidate>
      <h3>{t('fees.assess')}</h3>
      <div class="field">
        <label for="assess-code">{t('fees.fromChecklist', { version: checklist.version })}</label>
        <select id="assess-code" value={code} onChange={(e) => setCode(e.currentTarget.value)}>
          <option value="">{t('form.choose')}</option>
          {checklist.fees.map((fee) => (
            <option key={fee.code} value={fee.code}>
              {localName(fee.name)}
            </option>
          ))}
        </select>
        {item ? <p class="hint">{feeBasis(item)}</p> : null}
      </div>
      {item?.unit === 'certificate' ? (
        <div class="field">
          <label for="assess-quantity">{t('fees.quantity')}</label>
          <input
            id="assess-quantity"
            inputMode="numeric"
            value={quantity}
            onInput={(e) => setQuantity(e.currentTarget.value)}
          />
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <button type="submit" disabled={!code}>
        {t('fees.assessButton')}
      </button>
    </form>
  );
}

/**
 * Where the fee comes from. The checklist states its legal basis in English; in Chinese the console says the
 * rate per unit from the same item (the clerk never types an amount), and that it varies where it does.
 */
function feeBasis(item: PublishedChecklist['fees'][number]): string {
  if (lang.get() === 'en') return t('fees.basis', { basis: item.basis });
  const rate = t('fees.rate', { rate: fmtMoney(item.rate), unit: tOr(`unit.${item.unit}`, item.unit) });
  return item.rateWhen?.length ? `${rate}${t('fees.rateVaries')}` : rate;
}
