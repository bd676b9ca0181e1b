/**
 * Approval on pledge (告知承诺制) on the filing form: when the workflow's version in force offers it, the
 * enterprise reads the pledge text and chooses it; the form then carries the items and the text's hash.
 */
import { api, ApiError, type PledgeOffer } from '../api/index.ts';
import { t, tDept } from '../i18n/index.ts';
import type { Draft } from '../lib/schema.ts';
import { useLoad } from '../lib/use-load.ts';

/** The form field the choice fills, which the generated form leaves to this component. */
export const PLEDGE_FIELD = 'approvalOnPledge';

export function PledgeChoice(props: { workflow: string; form: Draft; onChange: (form: Draft) => void }) {
  const offer = useLoad(
    () =>
      api.pledgeOffer(props.workflow).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    [props.workflow],
  );
  const data: PledgeOffer | null | undefined = offer.data;
  if (!data) return null;
  const chosen = Boolean((props.form as Record<string, unknown>)[PLEDGE_FIELD]);
  const toggle = (on: boolean) => {
    const { [PLEDGE_FIELD]: _old, ...rest } = props.form as Record<string, unknown>;
    props.onChange(
      (on
        ? {
            ...rest,
            [PLEDGE_FIELD]: { items: data.items, textId: data.text.id, textSha256: data.text.sha256 },
          }
        : rest) as Draft,
    );
  };
  return (
    <fieldset class="card pledge-choice">
      <legend>{t('pledge.choiceTitle')}</legend>
      <p class="hint">
        {t('pledge.choiceHint', {
          items: data.items.map(tDept).join(t('punct.listSep')),
          days: data.verificationWorkingDays,
        })}
      </p>
      <pre class="pledge-text" tabIndex={0} aria-label={t('pledge.textLabel')}>
        {data.text.text}
      </pre>
      <label>
        <input type="checkbox" checked={chosen} onChange={(e) => toggle(e.currentTarget.checked)} />{' '}
        {t('pledge.choose')}
      </label>
    </fieldset>
  );
}
