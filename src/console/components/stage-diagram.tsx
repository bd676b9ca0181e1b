/**
 * The workflow as people draw it: stage boxes left to right (top to bottom on a phone), the departments the
 * case needs side by side inside the review stage, and the case's position marked. The full statechart stays
 * available, folded, for whoever needs the detail.
 */
import type { ComponentChildren } from 'preact';
import { t, tDept, tEvent, tOr, tStatus } from '../i18n/index.ts';
import {
  isInspectionWorkflow,
  stagesOf,
  type DepartmentBox,
  type Stage,
  type StageCase,
  type StageWorkflow,
  type Standing,
} from '../lib/stages.ts';

export function StageDiagram(props: {
  app: StageCase;
  workflow: StageWorkflow;
  /** The raw statechart, offered folded under the stages. */
  detail?: ComponentChildren;
}) {
  const stages = stagesOf(props.app, props.workflow);
  return (
    <div class="stage-diagram">
      <ol class="stages" aria-label={t('stages.label')}>
        {stages.map((stage) => (
          <StageBox
            key={stage.key}
            stage={stage}
            status={props.app.status}
            inspecting={isInspectionWorkflow(props.workflow.id ?? '')}
          />
        ))}
      </ol>
      {props.detail ? (
        <details class="stage-detail">
          <summary>{t('stages.detail')}</summary>
          {props.detail}
        </details>
      ) : null}
    </div>
  );
}

function StageBox({ stage, status, inspecting }: { stage: Stage; status: string; inspecting: boolean }) {
  const current = stage.standing === 'current';
  const title =
    stage.key === 'result' && current
      ? tStatus(status)
      : stage.key === 'review' && inspecting
        ? t('stages.inspection')
        : tOr(`stages.${stage.key}`, stage.key);
  return (
    <li class={`stage ${stage.standing}`} aria-current={current ? 'step' : undefined}>
      <p class="stage-title">
        <strong>{title}</strong> <StandingMark standing={stage.standing} stage={stage.key} />
      </p>
      {stage.departments ? (
        <>
          {stage.provisional ? <p class="hint">{t('stages.departmentsLater')}</p> : null}
          {stage.departments.length ? (
            <ul class="stage-departments" aria-label={t('stages.parallel')}>
              {stage.departments.map((d) => (
                <DepartmentItem key={d.department} box={d} />
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

function DepartmentItem({ box }: { box: DepartmentBox }) {
  const outcome =
    box.standing === 'current'
      ? box.askedApplicant
        ? t('outcome.REQUEST_SUPPLEMENT')
        : box.waitingForApplicant
          ? t('task.clockStopped')
          : t('stages.inReview')
      : box.closedBy
        ? tOr(`outcome.${box.closedBy}`, tEvent(box.closedBy))
        : t('stages.notStarted');
  const tone =
    box.standing === 'current'
      ? box.askedApplicant
        ? 'warn'
        : box.waitingForApplicant
          ? 'neutral'
          : 'info'
      : box.closedBy === 'DENY' || box.closedBy === 'REFUSE' || box.closedBy === 'FAIL'
        ? 'bad'
        : box.closedBy === 'REQUEST_SUPPLEMENT'
          ? 'warn'
          : box.closedBy
            ? 'good'
            : 'neutral';
  return (
    <li
      class={`stage-department ${box.standing}`}
      aria-current={box.standing === 'current' ? 'step' : undefined}
    >
      <strong>{tDept(box.department)}</strong> <span class={`badge ${tone}`}>{outcome}</span>
    </li>
  );
}

function StandingMark({ standing, stage }: { standing: Standing; stage: string }) {
  if (standing === 'current') return <span class="badge current">{t('stages.here')}</span>;
  if (standing === 'done') return <span class="sr-only">{t('stages.done')}</span>;
  if (standing === 'skipped')
    return <span class="muted">{stage === 'fees' ? t('stages.noFees') : t('stages.skipped')}</span>;
  return <span class="sr-only">{t('stages.waiting')}</span>;
}
