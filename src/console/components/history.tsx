/** The case's record: requests for supplements with their comments, and the full hash-chained history. */
import type { Application, HistoryItem } from '../api/index.ts';
import { fmtDateTime, t, tDept, tStatus } from '../i18n/index.ts';
import { actorText, historySentence } from './history-sentence.ts';
import { TableScroll } from './ui.tsx';

export function SupplementRequests({ items }: { items: HistoryItem[] }) {
  const requests = items.filter(
    (item) => item.type === 'REQUEST_SUPPLEMENT' || item.type === 'ACCEPT_WITH_DEFICIENCIES',
  );
  if (!requests.length) return <p class="muted">{t('supplements.none')}</p>;
  return (
    <ul class="plain requests">
      {requests.map((request) => {
        const answered = items.some((item) => item.type === 'SUPPLEMENT' && item.seq > request.seq);
        const missing = (request.data?.items as string[] | undefined) ?? [];
        const asked = (request.data?.materials as Array<{ code: string; reason: string }> | undefined) ?? [];
        return (
          <li key={request.seq} class={answered ? 'answered' : 'open'}>
            <p>
              <strong>{request.actor.org ? tDept(request.actor.org) : actorText(request)}</strong> ·{' '}
              {fmtDateTime(request.at)} ·{' '}
              <span class={`badge ${answered ? 'good' : 'warn'}`}>
                {answered ? t('supplements.answered') : t('supplements.open')}
              </span>
            </p>
            {request.comment ? <blockquote>{request.comment}</blockquote> : null}
            {asked.length ? (
              <ul>
                {asked.map(({ code, reason }) => (
                  <li key={code}>
                    <code>{code}</code> {reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {missing.length ? (
              <p>
                {t('supplements.pledged', { date: String(request.data?.pledgeDate ?? '—') })}{' '}
                {missing.join('、')}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Every record as one sentence ("自然资源和规划 张三 批准"), oldest first, with the comment beside it. */
export function History({ items, app }: { items: HistoryItem[]; app: Application }) {
  return (
    <TableScroll label={t('history.title')}>
      <table class="history">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('history.at')}</th>
            <th scope="col">{t('history.record')}</th>
            <th scope="col">{t('history.statusAfter')}</th>
            <th scope="col">{t('history.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.seq}>
              <td data-label="#">{item.seq}</td>
              <td data-label={t('history.at')}>{fmtDateTime(item.at)}</td>
              <td data-label={t('history.record')}>{historySentence(item, app)}</td>
              <td data-label={t('history.statusAfter')}>
                {item.statusAfter ? tStatus(item.statusAfter) : '—'}
              </td>
              <td data-label={t('history.comment')}>{item.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
