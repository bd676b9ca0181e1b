/**
 * The supervision rhythm (一周一调度、半月一督查、一月一通报): the weekly dispatch of cases in progress, the
 * biweekly list of late and at-risk tasks, and the monthly bulletin ranking departments; each with the key
 * projects' figures of its period.
 */
import { useState } from 'preact/hooks';
import { api, type BiweeklyReport, type MonthlyReport, type WeeklyReport } from '../api/index.ts';
import { Loaded, Section, StatusBadge, TableScroll } from '../components/ui.tsx';
import { fmtDate, fmtNumber, fmtPercent, t, tDept, tOr, tWorkflow } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useLoad } from '../lib/use-load.ts';
import { ProvisionalNote } from '../components/provisional.tsx';
import { KeyProjectFiguresNote } from '../components/key-project-figures.tsx';

type Kind = 'weekly' | 'biweekly' | 'monthly';

export function ReportsPage() {
  const [kind, setKind] = useState<Kind>('weekly');
  const [at, setAt] = useState('');
  const report = useLoad(
    (): Promise<WeeklyReport | BiweeklyReport | MonthlyReport> =>
      kind === 'weekly'
        ? api.weekly(at || undefined)
        : kind === 'biweekly'
          ? api.biweekly(at || undefined)
          : api.monthly(at || undefined),
    [kind, at],
  );
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <div class="tabs" role="tablist" aria-label={t('reports.title')}>
        {(['weekly', 'biweekly', 'monthly'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={kind === k}
            class={kind === k ? 'primary' : undefined}
            onClick={() => setKind(k)}
          >
            {t(`reports.${k}`)}
          </button>
        ))}
      </div>
      <div class="field narrow">
        <label for="report-at">{t('reports.at')}</label>
        <input id="report-at" type="date" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
      </div>
      <div role="tabpanel">
        <Loaded data={report.data} error={report.error}>
          {(data) =>
            data.report === 'weekly' ? (
              <Weekly report={data} />
            ) : data.report === 'biweekly' ? (
              <Biweekly report={data} />
            ) : (
              <Monthly report={data} />
            )
          }
        </Loaded>
      </div>
    </>
  );
}

function Weekly({ report }: { report: WeeklyReport }) {
  const s = report.summary;
  return (
    <Section title={t('reports.weeklyTitle', { at: fmtDate(report.at) })} id="weekly">
      <p>
        {t('reports.weeklySummary', {
          inProgress: s.inProgress,
          overdue: s.overdue,
          stopped: s.clockStopped,
          notAccepted: s.notYetAccepted,
        })}
      </p>
      <KeyProjectFiguresNote figures={report.keyProjects} />
      {report.items.length ? (
        <TableScroll label={t('reports.weekly')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('inbox.case')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('reports.daysLeft')}</th>
                <th scope="col">{t('reports.openTasks')}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => (
                <tr key={item.id} class={item.overdue ? 'overdue' : undefined}>
                  <td data-label={t('inbox.case')}>
                    <Link href={`/cases/${item.id}`}>{item.project?.name ?? item.id}</Link>
                    <div class="muted">
                      {tWorkflow(item.workflow)} · {item.applicant}
                    </div>
                  </td>
                  <td data-label={t('common.status')}>
                    <StatusBadge status={item.status} />
                  </td>
                  <td data-label={t('reports.daysLeft')}>
                    {item.workingDaysLeft === null ? '—' : fmtNumber(item.workingDaysLeft, 0)}
                  </td>
                  <td data-label={t('reports.openTasks')}>
                    {item.openTasks
                      .map(
                        (task) =>
                          `${tDept(task.department)} ${tOr(`step.${task.step}`, task.step)}${task.overdue ? ` (${t('task.overdue')})` : ''}`,
                      )
                      .join('、') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p class="muted">{t('reports.nothing')}</p>
      )}
    </Section>
  );
}

function Biweekly({ report }: { report: BiweeklyReport }) {
  return (
    <Section
      title={t('reports.biweeklyTitle', { at: fmtDate(report.at), through: fmtDate(report.atRiskThrough) })}
      id="biweekly"
    >
      <p>
        {t('reports.biweeklySummary', { overdue: report.summary.overdue, atRisk: report.summary.atRisk })}
      </p>
      <KeyProjectFiguresNote figures={report.keyProjects} />
      {report.departments.length ? (
        report.departments.map((d) => (
          <div key={d.department}>
            <h3>
              {t('reports.departmentLine', {
                department: tDept(d.department),
                overdue: d.overdue,
                atRisk: d.atRisk,
              })}
            </h3>
            <ul class="plain">
              {d.items.map((item) => (
                <li key={item.taskId} class={item.overdue ? 'overdue' : undefined}>
                  <Link href={`/cases/${item.applicationId}`}>
                    {item.project?.name ?? item.applicationId}
                  </Link>{' '}
                  · {tOr(`step.${item.step}`, item.step)} · {t('lanes.due', { date: fmtDate(item.dueAt) })}
                  {item.provisional ? <ProvisionalNote /> : null}
                  {item.overdue ? (
                    <span class="badge bad">{t('reports.late', { days: item.workingDaysLate })}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))
      ) : (
        <p class="muted">{t('reports.nothing')}</p>
      )}
    </Section>
  );
}

function Monthly({ report }: { report: MonthlyReport }) {
  return (
    <Section title={t('reports.monthlyTitle', { month: report.month })} id="monthly">
      {!report.complete ? <p class="hint">{t('reports.monthToDate')}</p> : null}
      <KeyProjectFiguresNote figures={report.keyProjects} />
      {report.departments.length ? (
        <TableScroll label={t('reports.monthly')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reports.rank')}</th>
                <th scope="col">{t('inspections.department')}</th>
                <th scope="col">{t('audit.concluded')}</th>
                <th scope="col">{t('audit.onTimeRate')}</th>
                <th scope="col">{t('reports.median')}</th>
                <th scope="col">{t('reports.compression')}</th>
              </tr>
            </thead>
            <tbody>
              {report.departments.map((row) => (
                <tr key={row.group}>
                  <td data-label={t('reports.rank')}>{row.rank ?? '—'}</td>
                  <td data-label={t('inspections.department')}>{tDept(row.group)}</td>
                  <td data-label={t('audit.concluded')}>{row.concluded}</td>
                  <td data-label={t('audit.onTimeRate')}>{fmtPercent(row.onTimeRate)}</td>
                  <td data-label={t('reports.median')}>{fmtNumber(row.medianWorkingDays ?? null)}</td>
                  <td data-label={t('reports.compression')}>{fmtPercent(row.compressionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p class="muted">{t('reports.nothing')}</p>
      )}
    </Section>
  );
}
