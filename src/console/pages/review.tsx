/**
 * One investment pre-review for the review officer, auditors and administrators: the proposal's facts and
 * flags, the departments' positions, the panel (the officer draws it, decides the investor's objections and
 * records absences), the meeting and the decision; and the draw re-run from the record.
 */
import { useState } from 'preact/hooks';
import { api, type InvestmentReview } from '../api/index.ts';
import { DrawCheck } from '../components/draw-check.tsx';
import { ReviewDecisions } from '../components/review-decisions.tsx';
import { ReviewPanel } from '../components/review-panel.tsx';
import { ErrorNotice, Loaded, Section, StatusBadge } from '../components/ui.tsx';
import { fmtDate, t, tDept, tOr } from '../i18n/index.ts';
import { isReviewOfficer } from '../lib/review-officer.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function ReviewPage({ reviewId }: { reviewId: string }) {
  const session = useSession()!;
  const officer = isReviewOfficer(session);
  const review = useLoad(() => api.investmentReview(reviewId), [reviewId]);
  return (
    <Loaded data={review.data} error={review.error}>
      {(data) => (
        <>
          <p>
            <Link href="/reviews">{t('reviews.back')}</Link>
          </p>
          <div class="page-head">
            <h1>{data.project.name}</h1>
            <StatusBadge status={data.status} />
          </div>
          <dl class="facts">
            <div>
              <dt>{t('expert.applicant')}</dt>
              <dd>{data.applicantName ?? data.applicant}</dd>
            </div>
            <div>
              <dt>{t('expert.field.industry')}</dt>
              <dd>{tOr(`expert.value.${data.industry}`, data.industry ?? '—')}</dd>
            </div>
            <div>
              <dt>{t('reviews.batchLabel')}</dt>
              <dd>{data.batch ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('reviews.cutOff')}</dt>
              <dd>{fmtDate(data.cutOffAt)}</dd>
            </div>
            <div>
              <dt>{t('reviews.decisionDue')}</dt>
              <dd>{fmtDate(data.decisionDueAt)}</dd>
            </div>
          </dl>
          {data.flags.length ? (
            <p class="notice warn">
              {t('expert.flags')}：{data.flags.map((f) => tOr(`expert.flag.${f}`, f)).join('、')}
            </p>
          ) : null}
          <Section title={t('reviews.positions')} id="positions">
            <ul>
              {data.preReviewDepartments.map((department) => {
                const p = data.positions[department];
                return (
                  <li key={department}>
                    {tDept(department)}：
                    {p
                      ? `${tOr(`expert.position.${p.position}`, p.position)}${p.conditions ? `（${p.conditions}）` : ''}`
                      : t('reviews.positionPending')}
                  </li>
                );
              })}
            </ul>
          </Section>
          <Section title={t('reviews.panel')} id="panel">
            {data.panel.length === 0 ? (
              <NoPanel review={data} officer={officer} onDone={review.reload} />
            ) : (
              <ReviewPanel review={data} officer={officer} onDone={review.reload} />
            )}
          </Section>
          <Section title={t('expert.meeting')} id="meeting">
            {data.meeting?.sealed ? (
              <p>
                {t('reviews.meetingLine', {
                  number: data.meeting.number,
                  voted: data.meeting.voted,
                  present: data.meeting.present,
                })}{' '}
                {t('reviews.sealed')}
              </p>
            ) : data.meeting ? (
              <p>{t('reviews.meetingEnded', { number: data.meeting.number })}</p>
            ) : (
              <p>{t('expert.meetingNotOpen')}</p>
            )}
            <ReviewDecisions review={data} />
          </Section>
          {data.panel.length || data.left.length ? <DrawCheck review={data} /> : null}
        </>
      )}
    </Loaded>
  );
}

/** Before the draw: what it waits for, and the officer's button once the departments have all stated. */
function NoPanel(props: { review: InvestmentReview; officer: boolean; onDone: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const ready =
    props.review.status === 'in_review' &&
    props.review.preReviewDepartments.every((d) => props.review.positions[d] !== undefined);
  const draw = async () => {
    setError(null);
    try {
      await api.drawPanel(props.review.id);
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <p>{ready ? t('reviews.readyToDraw') : t('reviews.notYetDrawn')}</p>
      {props.officer && ready ? (
        <button type="button" onClick={draw}>
          {t('reviews.draw')}
        </button>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}
