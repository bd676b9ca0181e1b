/**
 * The clerk's inbox: the department's open tasks by due date, page by page from the service, with the
 * project's name and the enterprise's, urgency in colour (overdue red, due within two working days amber),
 * who works on each, and the claim / release / assign buttons. Filters: mine, unclaimed or the whole
 * department; a search; the urgency; the workflow.
 */
import { useState } from 'preact/hooks';
import { api, ApiError, type Person, type Task, type TaskFilters } from '../api/index.ts';
import { ProvisionalNote } from '../components/provisional.tsx';
import { EnterpriseName, FilterSelect, LoadMore, SearchForm } from '../components/list-controls.tsx';
import { ErrorNotice, Loading, TableScroll } from '../components/ui.tsx';
import { fmtDate, t, tDept, tOr, tWorkflow } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useSession, type Claims } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePages } from '../lib/use-pages.ts';
import { useWorkflowOptions } from './cases.tsx';

type Assignee = NonNullable<TaskFilters['assignee']>;
const ASSIGNEES: Assignee[] = ['mine', 'unclaimed', 'all'];

export function InboxPage() {
  const session = useSession()!;
  const [filters, setFilters] = useState<TaskFilters>({ assignee: 'all' });
  const set = (change: Partial<TaskFilters>) => setFilters((previous) => ({ ...previous, ...change }));
  const pages = usePages((cursor) => api.tasks({ ...filters, cursor }), [JSON.stringify(filters)]);
  const workflows = useWorkflowOptions();
  const lead = session.claims.role === 'clerk' && session.claims.lead === true;
  const clerks = useLoad(async () => (lead ? (await api.clerks()).items : []), [lead]);
  const department = session.claims.org ?? '';
  return (
    <>
      <div class="page-head">
        <h1>{t('inbox.title', { department: tDept(department) })}</h1>
        <button type="button" onClick={pages.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <div class="segmented" role="group" aria-label={t('inbox.assignee')}>
        {ASSIGNEES.map((assignee) => (
          <button
            key={assignee}
            type="button"
            aria-pressed={filters.assignee === assignee}
            onClick={() => set({ assignee })}
          >
            {t(`inbox.${assignee}`)}
          </button>
        ))}
      </div>
      <SearchForm id="inbox" initial="" onSearch={(q) => set({ q: q || undefined })}>
        <FilterSelect
          id="inbox-urgency"
          label={t('inbox.urgency')}
          value={filters.urgency ?? ''}
          options={[
            ['', t('inbox.anyUrgency')],
            ['overdue', t('inbox.urgencyOverdue')],
            ['soon', t('inbox.urgencySoon')],
          ]}
          onChange={(urgency) => set({ urgency: (urgency || undefined) as TaskFilters['urgency'] })}
        />
        <FilterSelect
          id="inbox-workflow"
          label={t('list.workflow')}
          value={filters.workflow ?? ''}
          options={workflows}
          onChange={(workflow) => set({ workflow: workflow || undefined })}
        />
      </SearchForm>
      {pages.error ? <ErrorNotice error={pages.error} /> : null}
      {pages.loading && !pages.items.length ? (
        <Loading />
      ) : pages.items.length ? (
        <>
          <InboxTable
            items={pages.items}
            claims={session.claims}
            clerks={clerks.data ?? []}
            onChanged={(task) =>
              pages.replace(task.id, belongs(task, filters, session.claims.sub) ? task : null)
            }
          />
          <LoadMore
            count={pages.items.length}
            more={pages.more}
            loading={pages.loading}
            onMore={pages.loadMore}
          />
        </>
      ) : (
        <p class="muted">
          {filters.q || filters.urgency || filters.workflow ? t('inbox.noMatch') : t('inbox.empty')}
        </p>
      )}
    </>
  );
}

/** Whether a task just changed still belongs under the chosen "mine / unclaimed / all". */
function belongs(task: Task, filters: TaskFilters, sub: string): boolean {
  if (filters.assignee === 'mine') return task.claimedBy?.sub === sub;
  if (filters.assignee === 'unclaimed') return task.claimedBy === null;
  return true;
}

function InboxTable(props: { items: Task[]; claims: Claims; clerks: Person[]; onChanged(task: Task): void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const overdue = props.items.filter((task) => task.urgency === 'overdue').length;
  const soon = props.items.filter((task) => task.urgency === 'soon').length;
  const act = async (task: Task, work: () => Promise<Task>) => {
    setError(null);
    setBusy(task.id);
    try {
      // The answer is the task as the inbox shows it; the case's own fields stay from the row.
      const changed = await work();
      props.onChanged({ ...task, ...changed });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <p class="lead">{t('inbox.loaded', { open: props.items.length, overdue, soon })}</p>
      {error ? <ClaimError error={error} /> : null}
      <TableScroll label={t('inbox.tableLabel')}>
        <table class="inbox">
          <thead>
            <tr>
              <th scope="col">{t('inbox.due')}</th>
              <th scope="col">{t('inbox.case')}</th>
              <th scope="col">{t('inbox.step')}</th>
              <th scope="col">{t('inbox.claimant')}</th>
              <th scope="col">{t('inbox.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((task) => (
              <tr key={task.id} class={`urgency-${task.urgency}`}>
                <td data-label={t('inbox.due')}>
                  {fmtDate(task.dueAt)} <UrgencyBadge task={task} />
                  {task.dueProvisional ? <ProvisionalNote years={task.dueMissingCalendarYears} /> : null}
                </td>
                <td data-label={t('inbox.case')}>
                  <Link href={taskPage(task)}>{task.projectName || t('case.unnamed')}</Link>
                  <div class="muted">
                    {task.workflow ? tWorkflow(task.workflow) : ''}
                    {task.projectCode ? ` · ${task.projectCode}` : ''}
                  </div>
                  {task.applicant ? (
                    <div class="muted">
                      <EnterpriseName name={task.applicantName} uscc={task.applicant} />
                    </div>
                  ) : null}
                </td>
                <td data-label={t('inbox.step')}>{tOr(`step.${task.step}`, task.step)}</td>
                <td data-label={t('inbox.claimant')}>
                  {task.claimedBy
                    ? task.claimedBy.sub === props.claims.sub
                      ? t('task.claimedByYou')
                      : (task.claimedBy.name ?? task.claimedBy.sub)
                    : t('inbox.unclaimedBy')}
                </td>
                <td data-label={t('inbox.actions')} class="row-actions">
                  <TaskActions
                    task={task}
                    claims={props.claims}
                    clerks={props.clerks}
                    busy={busy === task.id}
                    act={(work) => act(task, work)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function UrgencyBadge({ task }: { task: Task }) {
  if (task.urgency === 'overdue') return <span class="badge bad">{t('task.overdue')}</span>;
  if (task.urgency === 'soon') return <span class="badge warn">{t('task.soon')}</span>;
  if (task.urgency === 'stopped') return <span class="badge neutral">{t('task.clockStopped')}</span>;
  return null;
}

/** Claim when nobody holds it; release one's own (a lead anyone's); a lead assigns to a clerk. */
function TaskActions(props: {
  task: Task;
  claims: Claims;
  clerks: Person[];
  busy: boolean;
  act: (work: () => Promise<Task>) => void;
}) {
  const { task, claims } = props;
  const [clerk, setClerk] = useState('');
  const lead = claims.lead === true;
  const mine = task.claimedBy?.sub === claims.sub;
  const label = task.projectName || t('case.unnamed');
  return (
    <div class="task-actions">
      {!task.claimedBy ? (
        <button
          type="button"
          class="primary"
          disabled={props.busy}
          aria-label={`${t('task.claim')} ${label}`}
          onClick={() => props.act(() => api.claimTask(task.id))}
        >
          {t('task.claim')}
        </button>
      ) : mine || lead ? (
        <button
          type="button"
          disabled={props.busy}
          aria-label={`${t('task.release')} ${label}`}
          onClick={() => props.act(() => api.releaseTask(task.id))}
        >
          {t('task.release')}
        </button>
      ) : null}
      {lead && props.clerks.length ? (
        <form
          class="assign"
          onSubmit={(event) => {
            event.preventDefault();
            if (clerk) props.act(() => api.assignTask(task.id, clerk));
          }}
        >
          <label class="sr-only" for={`assign-${task.id}`}>
            {t('task.assignTo')} {label}
          </label>
          <select
            id={`assign-${task.id}`}
            value={clerk}
            onChange={(event) => setClerk((event.target as HTMLSelectElement).value)}
          >
            <option value="">{t('task.chooseClerk')}</option>
            {props.clerks.map((person) => (
              <option key={person.sub} value={person.sub}>
                {person.name ?? person.sub}
              </option>
            ))}
          </select>
          <button type="submit" disabled={props.busy || !clerk}>
            {t('task.assign')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** A refused claim in the console's own words (the service's slug picks them). */
function ClaimError({ error }: { error: unknown }) {
  if (error instanceof ApiError) {
    const text = tOr(`task.error.${error.type}`, '');
    if (text) {
      return (
        <div class="notice error" role="alert">
          <p>{text}</p>
        </div>
      );
    }
  }
  return <ErrorNotice error={error} />;
}

/** Where a task's row leads: records and follow-ups have pages of their own, applications the case page. */
function taskPage(task: { workflow?: string | null; applicationId: string }): string {
  if (task.workflow === 'pledge-verification') return `/pledge-verifications/${task.applicationId}`;
  if (task.workflow === 'rating-follow-up') return `/rating-follow-ups/${task.applicationId}`;
  return `/cases/${task.applicationId}`;
}
