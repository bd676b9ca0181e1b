/**
 * An investment pre-review's progress on its case page, in words for the investor (and anyone who reads the
 * case): the batch and its cut-off, each department's pre-review position, the panel drawn, the meeting and
 * the decision with its conditions. Nothing sealed appears: no ballot, no vote.
 */
import type { Application } from '../api/index.ts';
import { fmtDate, t, tDept, tOr } from '../i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { ReviewObjection } from './review-objection.tsx';
import { Section } from './ui.tsx';

type Progress = NonNullable<Application['investmentReview']>;
type Step = { key: string; state: 'done' | 'current' | 'waiting'; title: string; detail?: string[] };

const DECIDED = ['passed', 'passed-with-conditions', 'rejected'];

/** A department's pre-review in words: its position and conditions, or that it is still at work. */
function positionLine(department: string, position: Progress['positions'][string] | undefined): string {
  if (!position) return `${tDept(department)}：${t('progress.positionPending')}`;
  const words = tOr(`expert.position.${position.position}`, position.position);
  return `${tDept(department)}：${words}${position.conditions ? `（${position.conditions}）` : ''}`;
}

/** The steps of the review as they stand. */
function stepsOf(app: Application, p: Progress): Step[] {
  const inReview = app.status !== 'submitted';
  const preReviewed =
    p.panel.length > 0 || p.meetings > 0 || p.preReviewDepartments.every((d) => p.positions[d]);
  const decided = p.outcome !== null && DECIDED.includes(p.outcome);
  const stateOf = (done: boolean, started: boolean): Step['state'] =>
    done ? 'done' : started ? 'current' : 'waiting';
  return [
    {
      key: 'batch',
      state: stateOf(inReview, true),
      title: inReview
        ? t('progress.batchClosed', { batch: p.batch ?? '—' })
        : t('progress.batchWaiting', { batch: p.batch ?? '—', date: fmtDate(p.cutOffAt) }),
    },
    {
      key: 'pre-review',
      state: stateOf(preReviewed, inReview),
      title: t('progress.preReview'),
      detail: inReview ? p.preReviewDepartments.map((d) => positionLine(d, p.positions[d])) : [],
    },
    {
      key: 'panel',
      state: stateOf(p.meetings > 0, p.panel.length > 0),
      title: p.panel.length
        ? t('progress.panelDrawn', { count: p.panel.length })
        : t('progress.panelWaiting'),
      detail: p.panel.length
        ? [
            p.panel.map((m) => m.name ?? m.expert).join('、'),
            ...p.panel
              .filter((m) => m.objection)
              .map((m) => t('progress.objectionPending', { name: m.name ?? m.expert })),
          ]
        : [],
    },
    {
      key: 'meeting',
      state: stateOf(decided || app.status !== 'in_review', p.meetings > 0),
      title: p.meetings ? t('progress.meetingHeld', { count: p.meetings }) : t('progress.meetingWaiting'),
      detail: p.outcome && !decided ? [tOr(`expert.outcome.${p.outcome}`, p.outcome)] : [],
    },
    {
      key: 'decision',
      state: decided ? 'done' : 'waiting',
      title: decided
        ? tOr(`expert.outcome.${p.outcome}`, p.outcome ?? '')
        : t('progress.decisionDue', { date: fmtDate(p.decisionDueAt) }),
      // Members often state the same condition: each is one item to confirm.
      detail: p.conditions.length ? [t('progress.conditions'), ...new Set(p.conditions)] : [],
    },
  ];
}

/**
 * The investor may object while the members declare (before the meeting opens). `allowedEvents` cannot say so:
 * whether an objection fits depends on the member it names.
 */
function objectionOpen(app: Application, role: string): boolean {
  const state = app.state as { review?: unknown } | string;
  return (
    (role === 'applicant' || role === 'agent') && typeof state === 'object' && state.review === 'declaring'
  );
}

export function ReviewProgress({ app, onDone }: { app: Application; onDone(): void }) {
  const role = useSession()!.claims.role;
  const progress = app.investmentReview;
  if (!progress) return null;
  return (
    <Section title={t('progress.title')} id="review-progress">
      {progress.flags.length ? (
        <p class="notice warn">
          {t('progress.flags')}：{progress.flags.map((f) => tOr(`expert.flag.${f}`, f)).join('、')}
        </p>
      ) : null}
      <ol class="review-steps">
        {stepsOf(app, progress).map((step) => (
          <li key={step.key} class={`review-step ${step.state}`}>
            <span class="review-step-state">{t(`progress.state.${step.state}`)}</span>{' '}
            <strong>{step.title}</strong>
            {step.detail?.length ? (
              <ul>
                {step.detail.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {objectionOpen(app, role) ? (
        <ReviewObjection app={app} members={progress.panel} onDone={onDone} />
      ) : null}
    </Section>
  );
}
