/**
 * The panel of a pre-review as the review officer and auditors see it: each seat's declaration, the investor's
 * objection, presence and whether the member has voted (never how); the officer decides an objection (upheld
 * draws a replacement) and records a member absent from the meeting. Members who left say why.
 */
import { useState } from 'preact/hooks';
import { api, type InvestmentReview } from '../api/index.ts';
import { fmtDateTime, t, tOr } from '../i18n/index.ts';
import { ErrorNotice, TableScroll } from './ui.tsx';

type Member = InvestmentReview['panel'][number];

export function ReviewPanel(props: { review: InvestmentReview; officer: boolean; onDone: () => void }) {
  const { review, officer } = props;
  const [error, setError] = useState<unknown>(null);
  const meetingOpen = Boolean(review.meeting?.sealed) && review.status === 'in_review';
  const absent = async (member: Member) => {
    setError(null);
    try {
      await api.recordAbsence(review.id, member.expert);
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <TableScroll label={t('reviews.panel')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reviews.member')}</th>
              <th scope="col">{t('reviews.declaration')}</th>
              <th scope="col">{t('reviews.attendance')}</th>
              {officer && meetingOpen ? <th scope="col">{t('reviews.act')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {review.panel.map((member) => (
              <tr key={member.expert}>
                <th scope="row">{member.name ?? member.expert}</th>
                <td>
                  {member.objection
                    ? t('reviews.objected')
                    : member.declared
                      ? t('reviews.declared')
                      : t('reviews.notDeclared')}
                </td>
                <td>
                  {member.absent
                    ? t('reviews.absent')
                    : review.meeting
                      ? member.voted
                        ? t('reviews.voted')
                        : t('reviews.notVoted')
                      : '—'}
                </td>
                {officer && meetingOpen ? (
                  <td>
                    {!member.voted && !member.absent ? (
                      <button type="button" class="secondary" onClick={() => absent(member)}>
                        {t('reviews.markAbsent', { name: member.name ?? member.expert })}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {error ? <ErrorNotice error={error} /> : null}
      {officer
        ? review.panel
            .filter((m) => m.objection)
            .map((m) => <ObjectionDecision key={m.expert} review={review} member={m} onDone={props.onDone} />)
        : null}
      {review.left.length ? (
        <>
          <h3>{t('reviews.left')}</h3>
          <ul>
            {review.left.map((l) => (
              <li key={`${l.expert}-${l.leftAt}`}>
                {l.name ?? l.expert}：{tOr(`reviews.because.${l.because}`, l.because)}（
                {fmtDateTime(l.leftAt)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The investor objected to a member: the officer upholds (a replacement is drawn) or dismisses, with reasons. */
function ObjectionDecision(props: { review: InvestmentReview; member: Member; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const name = props.member.name ?? props.member.expert;
  const field = `objection-${props.member.expert}`;
  const decide = async (upheld: boolean) => {
    setError(null);
    try {
      await api.decideObjection(props.review.id, props.member.expert, { upheld, comment });
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div class="stack card">
      <h3>{t('reviews.objectionTitle', { name })}</h3>
      <label for={field}>{t('reviews.objectionReason')}</label>
      <textarea id={field} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <div class="actions">
        <button type="button" onClick={() => decide(true)}>
          {t('reviews.uphold')}
        </button>
        <button type="button" class="secondary" onClick={() => decide(false)}>
          {t('reviews.dismiss')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
