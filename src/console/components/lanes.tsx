/** Every department's lane side by side: its tasks on the case, each with its deadline and where it stands. */
import type { Task } from '../api/index.ts';
import { fmtDate, fmtDateTime, t, tDept, tEvent, tOr } from '../i18n/index.ts';
import { ProvisionalNote } from './provisional.tsx';

export function Lanes({ tasks, departments }: { tasks: Task[]; departments: string[] }) {
  const byDepartment = new Map<string, Task[]>();
  for (const task of tasks)
    byDepartment.set(task.department, [...(byDepartment.get(task.department) ?? []), task]);
  const order = [...departments, ...[...byDepartment.keys()].filter((d) => !departments.includes(d))];
  return (
    <ol class="lanes">
      {order.map((department) => {
        const own = byDepartment.get(department) ?? [];
        return (
          <li key={department} class={`lane${own.some((task) => task.overdue) ? ' overdue' : ''}`}>
            <h3>{tDept(department)}</h3>
            {own.length ? (
              <ul>
                {own.map((task) => (
                  <LaneTask key={task.id} task={task} />
                ))}
              </ul>
            ) : (
              <p class="muted">{t('lanes.noTask')}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

// A lane says how the department decided: passed, not passed, or waiting for papers.
const OUTCOME_BADGE: Record<string, string> = {
  DENY: 'bad',
  REFUSE: 'bad',
  REQUEST_SUPPLEMENT: 'warn',
  WITHDRAW: 'info',
};

function LaneTask({ task }: { task: Task }) {
  const open = task.status === 'open';
  return (
    <li class="lane-task">
      <p>
        <strong>{tOr(`step.${task.step}`, task.step)}</strong>{' '}
        {open ? (
          <span class={`badge ${task.overdue ? 'bad' : task.clockStopped ? 'warn' : 'info'}`}>
            {task.overdue
              ? t('task.overdue')
              : task.clockSpecial
                ? t('lanes.expertReview')
                : task.clockStopped
                  ? t('task.clockStopped')
                  : t('task.open')}
          </span>
        ) : (
          <span class={`badge ${OUTCOME_BADGE[task.closedBy ?? ''] ?? 'good'}`}>
            {task.closedBy ? tOr(`outcome.${task.closedBy}`, tEvent(task.closedBy)) : t('task.closed')}
          </span>
        )}
      </p>
      <p class="muted">
        {open ? (
          <>
            {t('lanes.due', { date: fmtDate(task.dueAt) })}
            {task.dueProvisional ? <ProvisionalNote years={task.dueMissingCalendarYears} /> : null}
          </>
        ) : (
          t('lanes.closedAt', { date: fmtDateTime(task.closedAt) })
        )}
      </p>
      {task.timing ? (
        <p class="muted">
          {t('lanes.days', { net: task.timing.netWorkingDays, limit: task.timing.limitWorkingDays })}
          {task.timing.specialProcedureWorkingDays > 0
            ? ` · ${t('lanes.specialDays', { days: task.timing.specialProcedureWorkingDays })}`
            : null}
        </p>
      ) : null}
      {task.claimedBy ? (
        <p class="claimant">{t('task.claimedBy', { name: task.claimedBy.name ?? task.claimedBy.sub })}</p>
      ) : null}
    </li>
  );
}
