/** Cases as cards: project, workflow, status, and — for the enterprise — the one thing to do next. */
import type { Application, ApplicationSummary } from '../api/index.ts';
import { fmtDate, t, tWorkflow } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { EnterpriseName } from './list-controls.tsx';
import { NextAction } from './next-action.tsx';
import { ProvisionalNote } from './provisional.tsx';
import { StatusBadge } from './ui.tsx';

export const FINAL_STATUSES = ['approved', 'concluded', 'denied', 'refused', 'withdrawn'];

/** The project's name as filed, or a placeholder for a draft without one. */
export function projectName(app: Pick<ApplicationSummary, 'project'>): string {
  const name = (app.project as { name?: unknown }).name;
  return typeof name === 'string' && name.trim() ? name : t('case.unnamed');
}

export function CaseList(props: {
  items: ApplicationSummary[];
  details?: Map<string, Application>;
  empty: string;
  /** Name the enterprise on each card (for everyone but the enterprise itself). */
  showApplicant?: boolean;
}) {
  if (!props.items.length) return <p class="muted">{props.empty}</p>;
  return (
    <ul class="case-list">
      {props.items.map((item) => {
        const detail = props.details?.get(item.id);
        return (
          <li key={item.id} class="case-card">
            <div class="case-card-head">
              <Link href={`/cases/${item.id}`} class="case-title">
                {projectName(item)}
              </Link>
              <StatusBadge status={item.status} />
            </div>
            {props.showApplicant ? (
              <p class="case-applicant">
                <EnterpriseName name={item.applicantName} uscc={item.applicant} />
              </p>
            ) : null}
            <p class="muted">
              {tWorkflow(item.workflow)} ·{' '}
              {t('case.filedOn', { date: fmtDate(item.submittedAt ?? item.createdAt) })}
              {item.dueAt && !FINAL_STATUSES.includes(item.status)
                ? ` · ${t('case.dueOn', { date: fmtDate(item.dueAt) })}`
                : ''}
              {item.dueProvisional && item.dueAt && !FINAL_STATUSES.includes(item.status) ? (
                <ProvisionalNote years={item.dueMissingCalendarYears} />
              ) : null}
            </p>
            {detail ? <NextAction app={detail} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
