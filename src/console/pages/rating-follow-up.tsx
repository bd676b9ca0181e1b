/**
 * A bad rating's follow-up (差评整改): the rating (without the rater for clerks), the limits, the steps taken,
 * and the step this person may take now — the rated department contacts, verifies, rectifies and answers; an
 * administrator decides an appeal; the rater rates the follow-up.
 */
import { useState } from 'preact/hooks';
import { api, type RatingFollowUp, type RatingFollowUpEvent } from '../api/index.ts';
import { ErrorNotice, Loaded, Section, StatusBadge } from '../components/ui.tsx';
import { fmtDate, fmtDateTime, t, tDept, tEvent, tOr, tRole } from '../i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

type Step = RatingFollowUpEvent['type'];

/** The steps each status takes, and who takes them. */
const NEXT: Record<string, Array<{ type: Step; by: 'department' | 'supervisor' | 'rater' }>> = {
  contact: [{ type: 'CONTACT', by: 'department' }],
  verifying: [{ type: 'VERIFY', by: 'department' }],
  rectifying: [{ type: 'RECTIFIED', by: 'department' }],
  answering: [{ type: 'ANSWER', by: 'department' }],
  appealed: [
    { type: 'EXCLUDE', by: 'supervisor' },
    { type: 'DISMISS_APPEAL', by: 'supervisor' },
  ],
  answered: [{ type: 'RATE_FOLLOW_UP', by: 'rater' }],
};

export function RatingFollowUpPage({ followUpId }: { followUpId: string }) {
  const session = useSession()!;
  const found = useLoad(() => api.followUp(followUpId), [followUpId]);
  return (
    <Loaded data={found.data} error={found.error}>
      {(followUp) => {
        const { role, org, sub } = session.claims;
        const mayTake = (by: string) =>
          (by === 'department' && role === 'clerk' && org === followUp.department) ||
          (by === 'supervisor' && role === 'admin') ||
          (by === 'rater' && followUp.rating.rater?.sub === sub);
        const steps = (NEXT[followUp.status] ?? []).filter((step) => mayTake(step.by));
        return (
          <>
            <div class="page-head">
              <h1>{t('followUp.title', { department: tDept(followUp.department) })}</h1>
              <StatusBadge status={followUp.status} />
            </div>
            <dl class="facts">
              <div>
                <dt>{t('followUp.rating')}</dt>
                <dd>
                  {tOr(`rating.level.${followUp.rating.level}`, followUp.rating.levelName)}
                  {followUp.rating.text ? ` · ${followUp.rating.text}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('followUp.contactDue')}</dt>
                <dd>
                  {fmtDate(followUp.contactDueAt)}
                  {followUp.contactOverdue ? <span class="badge bad"> {t('followUp.overdue')}</span> : null}
                </dd>
              </div>
              <div>
                <dt>{t('followUp.due')}</dt>
                <dd>{fmtDate(followUp.dueAt)}</dd>
              </div>
            </dl>
            <Section title={t('followUp.steps')} id="follow-up-steps">
              {followUp.steps.length ? (
                <ol>
                  {followUp.steps.map((step) => (
                    <li key={`${step.type}-${step.at}`}>
                      {fmtDateTime(step.at)} · {tEvent(step.type)} ·{' '}
                      {step.department ? tDept(step.department) : tRole(step.role)}
                      {step.comment ? <div class="muted">{step.comment}</div> : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="muted">{t('followUp.noSteps')}</p>
              )}
            </Section>
            {steps.length ? (
              <Section title={t('followUp.next')} id="follow-up-next">
                <StepForm followUp={followUp} steps={steps.map((s) => s.type)} onDone={found.reload} />
              </Section>
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}

function StepForm(props: { followUp: RatingFollowUp; steps: Step[]; onDone(): void }) {
  const [type, setType] = useState<Step>(props.steps[0]!);
  const [comment, setComment] = useState('');
  const [finding, setFinding] = useState('justified');
  const [level, setLevel] = useState(2);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.followUpStep(props.followUp.id, {
        type,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(type === 'VERIFY' ? { data: { finding } } : {}),
        ...(type === 'RATE_FOLLOW_UP' ? { data: { level } } : {}),
      });
      setComment('');
      props.onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="subform" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('followUp.step')}</legend>
        {props.steps.map((value) => (
          <label key={value} class="radio">
            <input
              type="radio"
              name="follow-up-step"
              checked={type === value}
              onChange={() => setType(value)}
            />{' '}
            {tEvent(value)}
          </label>
        ))}
      </fieldset>
      {type === 'VERIFY' ? (
        <fieldset>
          <legend>{t('followUp.finding')}</legend>
          {['justified', 'explained', 'appealed'].map((value) => (
            <label key={value} class="radio">
              <input
                type="radio"
                name="follow-up-finding"
                checked={finding === value}
                onChange={() => setFinding(value)}
              />{' '}
              {tOr(`followUp.finding.${value}`, value)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {type === 'RATE_FOLLOW_UP' ? (
        <fieldset>
          <legend>{t('rating.levelLegend')}</legend>
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} class="radio">
              <input
                type="radio"
                name="follow-up-level"
                checked={level === value}
                onChange={() => setLevel(value)}
              />{' '}
              {tOr(`rating.level.${value}`, String(value))}
            </label>
          ))}
        </fieldset>
      ) : (
        <div class="field">
          <label for="follow-up-comment">{t('followUp.comment')}</label>
          <textarea
            id="follow-up-comment"
            rows={3}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        </div>
      )}
      <ErrorNotice error={error} />
      <button type="submit" class="primary">
        {t('followUp.submit')}
      </button>
    </form>
  );
}
