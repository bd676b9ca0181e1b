/**
 * The expert's pages, built for a phone: the reviews where they sit, the declaration of conflicts (which opens
 * the dossier), then the dossier and the sealed ballot with its score sheet. Nothing of the other members'
 * votes shows before the meeting's last vote opens them.
 */
import { useState } from 'preact/hooks';
import { api, type InvestmentReview, type ReviewBallot, type ReviewDeclaration } from '../api/index.ts';
import { ErrorNotice, Loaded, Section, StatusBadge } from '../components/ui.tsx';
import { t, tOr } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

const GROUNDS: Array<NonNullable<ReviewDeclaration['ground']>> = [
  'employer',
  'consulted-for',
  'close-relative',
  'earlier-review',
  'other',
];
const VOTES: Array<ReviewBallot['vote']> = ['pass', 'pass-with-conditions', 'defer', 'reject'];

/** The reviews where the expert holds a seat, each with its declaration. */
export function ExpertPage() {
  const reviews = useLoad(() => api.investmentReviews(), []);
  return (
    <>
      <div class="page-head">
        <h1>{t('expert.title')}</h1>
      </div>
      <Loaded data={reviews.data} error={reviews.error}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('expert.none')}</p>
          ) : (
            <ul class="plain-list">
              {items.map((review) => (
                <li key={review.id} class="card">
                  <h2>{review.project.name}</h2>
                  <p>
                    {t('expert.applicant')}：{review.applicantName ?? review.applicant} ·{' '}
                    {tOr(`expert.industry.${review.industry}`, review.industry ?? '')} ·{' '}
                    <StatusBadge status={review.status} />
                  </p>
                  {review.seat?.declaredAt ? (
                    <Link href={`/expert/${review.id}`}>{t('expert.open')}</Link>
                  ) : (
                    <Declaration reviewId={review.id} onDone={reviews.reload} />
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

/** No conflict opens the dossier; a conflict names its ground and the expert leaves the panel. */
function Declaration({ reviewId, onDone }: { reviewId: string; onDone: () => void }) {
  const [ground, setGround] = useState<NonNullable<ReviewDeclaration['ground']>>('employer');
  const [error, setError] = useState<unknown>(null);
  const send = async (body: ReviewDeclaration) => {
    setError(null);
    try {
      await api.declare(reviewId, body);
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div class="stack">
      <p>{t('expert.declareFirst')}</p>
      <button type="button" onClick={() => send({ conflict: false })}>
        {t('expert.noConflict')}
      </button>
      <label for={`ground-${reviewId}`}>{t('expert.ground')}</label>
      <select
        id={`ground-${reviewId}`}
        value={ground}
        onChange={(e) => setGround(e.currentTarget.value as typeof ground)}
      >
        {GROUNDS.map((g) => (
          <option key={g} value={g}>
            {tOr(`expert.ground.${g}`, g)}
          </option>
        ))}
      </select>
      <button type="button" class="secondary" onClick={() => send({ conflict: true, ground })}>
        {t('expert.recuse')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

/** The dossier and the ballot of one review. */
export function ExpertReviewPage({ reviewId }: { reviewId: string }) {
  const me = useSession()!.claims.sub;
  const review = useLoad(() => api.investmentReview(reviewId), [reviewId]);
  return (
    <Loaded data={review.data} error={review.error}>
      {(data) => (
        <>
          <div class="page-head">
            <h1>{data.project.name}</h1>
            <StatusBadge status={data.status} />
          </div>
          <Section title={t('expert.dossier')}>
            <dl class="facts">
              {Object.entries(data.form).map(([key, value]) => (
                <div key={key}>
                  <dt>{tOr(`expert.field.${key}`, key)}</dt>
                  <dd>{tOr(`expert.value.${String(value)}`, String(value))}</dd>
                </div>
              ))}
            </dl>
            {data.flags.length ? (
              <p class="notice warn">
                {t('expert.flags')}：{data.flags.map((f) => tOr(`expert.flag.${f}`, f)).join('、')}
              </p>
            ) : null}
            <ul>
              {Object.entries(data.positions).map(([department, p]) => (
                <li key={department}>
                  {tOr(`dept.${department}`, department)}：
                  {tOr(`expert.position.${p!.position}`, p!.position)}
                  {p!.conditions ? `（${p!.conditions}）` : ''}
                </li>
              ))}
            </ul>
          </Section>
          <Section title={t('expert.meeting')}>
            {data.meeting ? (
              <p>{t('expert.meetingState', { voted: data.meeting.voted, present: data.meeting.present })}</p>
            ) : (
              <p>{t('expert.meetingNotOpen')}</p>
            )}
            {data.meeting?.sealed && data.panel.some((p) => p.expert === me && !p.voted && !p.absent) ? (
              <BallotForm review={data} onDone={review.reload} />
            ) : null}
            {data.outcome ? <p>{tOr(`expert.outcome.${data.outcome}`, data.outcome)}</p> : null}
          </Section>
        </>
      )}
    </Loaded>
  );
}

/** The ballot: a vote, every gate pass or fail, every criterion scored, reasons or conditions as the vote needs. */
function BallotForm({ review, onDone }: { review: InvestmentReview; onDone: () => void }) {
  const sheet = review.scoreSheet;
  const [vote, setVote] = useState<ReviewBallot['vote']>('pass');
  const [gates, setGates] = useState<Record<string, 'pass' | 'fail'>>(
    Object.fromEntries(sheet.gates.map((g) => [g, 'pass'])),
  );
  const [scores, setScores] = useState<Record<string, number>>(
    Object.fromEntries(Object.keys(sheet.weights).map((c) => [c, 60])),
  );
  const [reasons, setReasons] = useState<string[]>([]);
  const [conditions, setConditions] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.castBallot(review.id, {
        vote,
        gates,
        scores,
        comment,
        ...(vote === 'reject' ? { reasons: reasons as ReviewBallot['reasons'] } : {}),
        ...(vote === 'pass-with-conditions' ? { conditions } : {}),
      });
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="stack ballot" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('expert.vote')}</legend>
        {VOTES.map((v) => (
          <label key={v} class="choice">
            <input type="radio" name="vote" checked={vote === v} onChange={() => setVote(v)} />
            {tOr(`expert.vote.${v}`, v)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('expert.gates')}</legend>
        {sheet.gates.map((g) => (
          <label key={g} class="choice">
            <input
              type="checkbox"
              checked={gates[g] === 'fail'}
              onChange={(e) => setGates({ ...gates, [g]: e.currentTarget.checked ? 'fail' : 'pass' })}
            />
            {t('expert.gateFailed', { gate: tOr(`expert.gate.${g}`, g) })}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('expert.scores')}</legend>
        {Object.entries(sheet.weights).map(([c, weight]) => (
          <label key={c} class="score">
            {tOr(`expert.criterion.${c}`, c)}（{t('expert.weight', { weight: weight ?? 0 })}）
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              value={scores[c]}
              onInput={(e) => setScores({ ...scores, [c]: Number(e.currentTarget.value) })}
            />
          </label>
        ))}
      </fieldset>
      {vote === 'reject' ? (
        <fieldset>
          <legend>{t('expert.reasons')}</legend>
          {sheet.rejectionReasons.map((r) => (
            <label key={r} class="choice">
              <input
                type="checkbox"
                checked={reasons.includes(r)}
                onChange={(e) =>
                  setReasons(e.currentTarget.checked ? [...reasons, r] : reasons.filter((x) => x !== r))
                }
              />
              {tOr(`expert.reason.${r}`, r)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {vote === 'pass-with-conditions' ? (
        <>
          <label for="ballot-conditions">{t('expert.conditions')}</label>
          <textarea
            id="ballot-conditions"
            value={conditions}
            onInput={(e) => setConditions(e.currentTarget.value)}
          />
        </>
      ) : null}
      <label for="ballot-comment">{t('expert.comment')}</label>
      <textarea id="ballot-comment" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <p class="hint">{t('expert.sealed')}</p>
      <button type="submit">{t('expert.cast')}</button>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
