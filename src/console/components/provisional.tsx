/**
 * A deadline counted on weekends alone because a year on the way has no published holiday calendar: said next
 * to the date, with the reason, wherever the date appears (case, lanes, inbox, reports).
 */
import { t } from '../i18n/index.ts';

export function ProvisionalNote({ years }: { years?: readonly number[] }) {
  const reason = years?.length
    ? t('due.provisionalYears', { years: years.join('、') })
    : t('due.provisionalReason');
  return (
    <span class="provisional">
      {' '}
      <span class="badge warn">{t('due.provisional')}</span> <span class="muted">{reason}</span>
    </span>
  );
}
