/**
 * The investment pre-reviews for the review officer, auditors and administrators: every proposal grouped by
 * its month's batch, with its status and entry-threshold flags; the officer closes a batch before its cut-off.
 * Auditors and administrators also see the year's figures.
 */
import { useState } from 'preact/hooks';
import { api, type InvestmentReviewSummary } from '../api/index.ts';
import { ReviewFigures } from '../components/review-figures.tsx';
import { ErrorNotice, Loaded, Section, StatusBadge, TableScroll } from '../components/ui.tsx';
import { t, tOr } from '../i18n/index.ts';
import { isReviewOfficer } from '../lib/review-officer.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

/** The reviews by batch, newest batch first. */
function byBatch(items: InvestmentReviewSummary[]): Array<[string, InvestmentReviewSummary[]]> {
  const groups = new Map<string, InvestmentReviewSummary[]>();
  for (const item of items) {
    const key = item.batch ?? '';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => b.localeCompare(a));
}

export function ReviewsPage() {
  const session = useSession()!;
  const officer = isReviewOfficer(session);
  const reviews = useLoad(() => api.investmentReviews(), []);
  return (
    <>
      <div class="page-head">
        <h1>{t('reviews.title')}</h1>
      </div>
      <p class="muted">{officer ? t('reviews.officerIntro') : t('reviews.readerIntro')}</p>
      <Loaded data={reviews.data} error={reviews.error}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('reviews.none')}</p>
          ) : (
            <>
              {byBatch(items).map(([batch, group]) => (
                <Batch key={batch} batch={batch} items={group} officer={officer} onDone={reviews.reload} />
              ))}
            </>
          )
        }
      </Loaded>
      {officer ? null : <ReviewFigures />}
    </>
  );
}

function Batch(props: {
  batch: string;
  items: InvestmentReviewSummary[];
  officer: boolean;
  onDone: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [closed, setClosed] = useState<number | null>(null);
  const waiting = props.items.filter((r) => r.status === 'submitted').length;
  const close = async () => {
    setError(null);
    try {
      const answer = await api.closeBatch(props.batch);
      setClosed(answer.closed.length);
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  const title = props.batch ? t('reviews.batch', { batch: props.batch }) : t('reviews.noBatch');
  return (
    <Section
      title={title}
      id={`batch-${props.batch}`}
      actions={
        props.officer && waiting > 0 && props.batch ? (
          <button type="button" onClick={close}>
            {t('reviews.closeBatch', { count: waiting })}
          </button>
        ) : null
      }
    >
      {closed !== null ? (
        <p class="notice ok" role="status">
          {t('reviews.closed', { count: closed })}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <TableScroll label={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reviews.project')}</th>
              <th scope="col">{t('expert.applicant')}</th>
              <th scope="col">{t('expert.field.industry')}</th>
              <th scope="col">{t('reviews.status')}</th>
              <th scope="col">{t('reviews.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((review) => (
              <tr key={review.id}>
                <td>
                  <Link href={`/reviews/${encodeURIComponent(review.id)}`}>{review.project.name}</Link>
                </td>
                <td>{review.applicantName ?? review.applicant}</td>
                <td>{tOr(`expert.value.${review.industry}`, review.industry ?? '—')}</td>
                <td>
                  <StatusBadge status={review.status} />
                </td>
                <td>
                  {review.flags.length
                    ? review.flags.map((f) => tOr(`expert.flag.${f}`, f)).join('、')
                    : t('reviews.noFlags')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}
