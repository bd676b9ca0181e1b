/**
 * The ended meetings of a pre-review as their last vote opened them: the outcome, the tally, the failed
 * gates, the conditions, the reasons for rejection and the mean weighted score (nothing before the opening).
 */
import type { InvestmentReview } from '../api/index.ts';
import { fmtDateTime, t, tOr } from '../i18n/index.ts';

/** The fields of an opened meeting the page shows (the record holds more: the ballots with their salts). */
interface Opened {
  meeting: number;
  at: string;
  outcome: string;
  tally?: Record<string, number>;
  failedGates?: string[];
  conditions?: string[];
  reasons?: string[];
  meanScore?: number | null;
}

const VOTES = ['pass', 'pass-with-conditions', 'defer', 'reject'];

export function ReviewDecisions({ review }: { review: InvestmentReview }) {
  const decisions = review.decisions as unknown as Opened[];
  if (decisions.length === 0) return null;
  return (
    <ol class="plain-list">
      {decisions.map((d) => (
        <li key={d.meeting} class="decision-record">
          <h3>
            {t('reviews.meetingNumber', { number: d.meeting })} · {fmtDateTime(d.at)}
          </h3>
          <p>
            <strong>{tOr(`expert.outcome.${d.outcome}`, d.outcome)}</strong>
          </p>
          {d.tally ? (
            <p>
              {t('reviews.tally')}：
              {VOTES.map((v) => `${tOr(`expert.vote.${v}`, v)} ${d.tally?.[v] ?? 0}`).join('，')}
              {typeof d.meanScore === 'number' ? ` · ${t('reviews.meanScore', { score: d.meanScore })}` : ''}
            </p>
          ) : null}
          {d.failedGates?.length ? (
            <p>
              {t('reviews.failedGates')}：{d.failedGates.map((g) => tOr(`expert.gate.${g}`, g)).join('、')}
            </p>
          ) : null}
          {d.conditions?.length ? (
            <>
              <p>{t('expert.conditions')}：</p>
              <ul>
                {[...new Set(d.conditions)].map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          ) : null}
          {d.reasons?.length ? (
            <p>
              {t('expert.reasons')}：{d.reasons.map((r) => tOr(`expert.reason.${r}`, r)).join('、')}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
