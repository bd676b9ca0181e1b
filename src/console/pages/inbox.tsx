/** The clerk's inbox: the department's open tasks by due date, overdue ones marked, each opening its case. */
import { api, type ApplicationSummary, type Task } from '../api/index.ts';
import { projectName } from '../components/case-list.tsx';
import { Loaded, TableScroll } from '../components/ui.tsx';
import { fmtDate, t, tDept, tOr, tWorkflow } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function InboxPage() {
  const session = useSession()!;
  const inbox = useLoad(async () => {
    const [tasks, cases] = await Promise.all([api.tasks('open'), api.applications()]);
    const byId = new Map(cases.items.map((c) => [c.id, c]));
    const items = [...tasks.items].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
    return { items, byId };
  }, []);
  const department = session.claims.org ?? '';
  return (
    <>
      <div class="page-head">
        <h1>{t('inbox.title', { department: tDept(department) })}</h1>
        <button type="button" onClick={inbox.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <Loaded data={inbox.data} error={inbox.error}>
        {({ items, byId }) =>
          items.length ? <InboxTable items={items} byId={byId} /> : <p class="muted">{t('inbox.empty')}</p>
        }
      </Loaded>
    </>
  );
}

function InboxTable({ items, byId }: { items: Task[]; byId: Map<string, ApplicationSummary> }) {
  const overdue = items.filter((task) => task.overdue).length;
  return (
    <>
      <p class="lead">{t('inbox.summary', { open: items.length, overdue })}</p>
      <TableScroll label={t('inbox.tableLabel')}>
        <table class="inbox">
          <thead>
            <tr>
              <th scope="col">{t('inbox.due')}</th>
              <th scope="col">{t('inbox.case')}</th>
              <th scope="col">{t('inbox.step')}</th>
              <th scope="col">{t('inbox.opened')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((task) => {
              const app = byId.get(task.applicationId);
              return (
                <tr key={task.id} class={task.overdue ? 'overdue' : undefined}>
                  <td>
                    {fmtDate(task.dueAt)}{' '}
                    {task.overdue ? <span class="badge bad">{t('task.overdue')}</span> : null}
                    {task.clockStopped ? <span class="badge warn">{t('task.clockStopped')}</span> : null}
                  </td>
                  <td>
                    <Link href={`/cases/${task.applicationId}`}>
                      {app ? projectName(app) : task.applicationId}
                    </Link>
                    {app ? (
                      <div class="muted">
                        {tWorkflow(app.workflow)} · {app.applicant}
                      </div>
                    ) : null}
                  </td>
                  <td>{tOr(`step.${task.step}`, task.step)}</td>
                  <td>{fmtDate(task.openedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
