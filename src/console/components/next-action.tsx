/** The one thing the enterprise has to do next on a case (`nextAction`), in words and with the amount to pay. */
import type { Application } from '../api/index.ts';
import { sumYuan } from '../../money/index.ts';
import { fmtMoney, t, tOr } from '../i18n/index.ts';
import { isInspectionWorkflow } from '../lib/stages.ts';

export function nextActionText(
  app: Pick<Application, 'nextAction' | 'fees' | 'status' | 'workflow'>,
): string {
  const { action } = app.nextAction;
  if (action === 'pay') {
    const unpaid = app.fees.filter((fee) => fee.status === 'assessed');
    // The service's own sum, so that the total shown is the one the service's sentence states.
    const total = sumYuan(unpaid.map((fee) => fee.amount));
    return t('next.pay', { count: unpaid.length, total: fmtMoney(total) });
  }
  if (action === 'nothing') {
    const final = [
      'approved',
      'concluded',
      'denied',
      'refused',
      'withdrawn',
      // the investment pre-review's ends
      'passed',
      'conditional_pass',
      'rejected',
      'lapsed',
    ].includes(app.status);
    if (final) return t('next.none');
    if (app.nextAction.waitingFor === 'window') return t('next.waitWindow');
    if (app.workflow === 'investment-review') return t('next.waitReview');
    return isInspectionWorkflow(app.workflow) ? t('next.waitInspection') : t('next.wait');
  }
  return tOr(`next.${action}`, app.nextAction.detail);
}

export function NextAction({
  app,
}: {
  app: Pick<Application, 'nextAction' | 'fees' | 'status' | 'workflow'>;
}) {
  const urgent = app.nextAction.action !== 'nothing';
  return (
    <p class={`next-action${urgent ? ' urgent' : ''}`}>
      <strong>{t('case.nextAction')}</strong> {nextActionText(app)}
    </p>
  );
}
