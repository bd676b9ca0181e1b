/**
 * The auditor's figures: approval times by month and by department as charts, the on-time rate, the backlog,
 * CSV downloads of the same rows, and chain verification of one case.
 */
import { useState } from 'preact/hooks';
import { api, type ApprovalTimesRow } from '../api/index.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { ErrorNotice, Loaded, Section } from '../components/ui.tsx';
import { VerifyChain } from '../components/verify-chain.tsx';
import { fmtNumber, fmtPercent, t, tDept } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useLoad } from '../lib/use-load.ts';

type Range = { from?: string; to?: string };

/** The on-time rate over all rows, weighted by the cases each row counts. */
export function overallOnTime(rows: ApprovalTimesRow[]): number | null {
  const counted = rows.filter((row) => row.onTimeRate !== null && row.concluded > 0);
  const total = counted.reduce((sum, row) => sum + row.concluded, 0);
  return total ? counted.reduce((sum, row) => sum + row.concluded * (row.onTimeRate ?? 0), 0) / total : null;
}

const days = (value: number | null) => (value === null ? '—' : t('audit.days', { days: fmtNumber(value) }));

export function AuditPage() {
  const [range, setRange] = useState<Range>({});
  const figures = useLoad(async () => {
    const [months, departments, backlog] = await Promise.all([
      api.approvalTimes('month', range),
      api.approvalTimes('department', range),
      api.backlog(),
    ]);
    return { months: months.items, departments: departments.items, backlog: backlog.items };
  }, [range.from, range.to]);

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <RangeForm onApply={setRange} />
      <Loaded data={figures.data} error={figures.error}>
        {({ months, departments, backlog }) => {
          const concluded = months.reduce((sum, row) => sum + row.concluded, 0);
          const open = backlog.reduce((sum, row) => sum + row.open, 0);
          const overdue = backlog.reduce((sum, row) => sum + row.overdue, 0);
          return (
            <>
              <dl class="kpis">
                <div>
                  <dt>{t('audit.concluded')}</dt>
                  <dd>{concluded}</dd>
                </div>
                <div>
                  <dt>{t('audit.onTimeRate')}</dt>
                  <dd>{fmtPercent(overallOnTime(months))}</dd>
                </div>
                <div>
                  <dt>{t('audit.openTasks')}</dt>
                  <dd>{open}</dd>
                </div>
                <div>
                  <dt>{t('audit.overdueTasks')}</dt>
                  <dd class={overdue ? 'bad' : undefined}>{overdue}</dd>
                </div>
              </dl>
              <Section
                title={t('audit.byMonth')}
                id="by-month"
                actions={<CsvButton groupBy="month" range={range} />}
              >
                <BarChart
                  id="chart-month"
                  title={t('audit.byMonthChart')}
                  empty={t('audit.noData')}
                  format={days}
                  bars={months.map((row) => ({
                    key: row.group,
                    label: row.group,
                    value: row.meanWorkingDays,
                    note: t('audit.rowNote', { count: row.concluded, rate: fmtPercent(row.onTimeRate) }),
                    tone: row.onTimeRate !== null && row.onTimeRate < 1 ? 'bad' : 'good',
                  }))}
                />
              </Section>
              <Section
                title={t('audit.byDepartment')}
                id="by-department"
                actions={<CsvButton groupBy="department" range={range} />}
              >
                <BarChart
                  id="chart-department"
                  title={t('audit.byDepartmentChart')}
                  empty={t('audit.noData')}
                  format={days}
                  bars={departments.map((row) => ({
                    key: row.group,
                    label: tDept(row.group),
                    value: row.meanWorkingDays,
                    note: t('audit.taskNote', { count: row.concluded, rate: fmtPercent(row.onTimeRate) }),
                    tone: row.onTimeRate !== null && row.onTimeRate < 1 ? 'bad' : 'good',
                  }))}
                />
              </Section>
              <Section title={t('audit.backlog')} id="backlog">
                <BarChart
                  id="chart-backlog"
                  title={t('audit.backlogChart')}
                  empty={t('audit.noData')}
                  format={(value) => fmtNumber(value, 0)}
                  bars={backlog.map((row) => ({
                    key: row.department,
                    label: tDept(row.department),
                    value: row.open,
                    note: row.overdue ? t('audit.overdueNote', { count: row.overdue }) : undefined,
                    tone: row.overdue ? 'bad' : 'neutral',
                  }))}
                />
              </Section>
            </>
          );
        }}
      </Loaded>
      <Section title={t('audit.reports')} id="reports">
        <p>
          <Link href="/audit/reports">{t('audit.reportsLink')}</Link>
        </p>
      </Section>
      <Section title={t('verify.title')} id="verify">
        <VerifyById />
      </Section>
    </>
  );
}

function RangeForm({ onApply }: { onApply(range: Range): void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  return (
    <form
      class="range card"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ from: from || undefined, to: to || undefined });
      }}
    >
      <div class="field">
        <label for="range-from">{t('audit.from')}</label>
        <input id="range-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="range-to">{t('audit.to')}</label>
        <input id="range-to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
      </div>
      <button type="submit">{t('audit.apply')}</button>
    </form>
  );
}

/** Downloads the rows as CSV (fetched with the token, then saved from memory: a plain link would carry no token). */
function CsvButton({ groupBy, range }: { groupBy: string; range: Range }) {
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setError(null);
    try {
      const csv = await api.approvalTimesCsv(groupBy, range);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), {
        href: url,
        download: `approval-times-${groupBy}.csv`,
      });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <span>
      <button type="button" onClick={download}>
        {t('audit.csv')}
      </button>
      <ErrorNotice error={error} />
    </span>
  );
}

function VerifyById() {
  const [caseId, setCaseId] = useState('');
  const [chosen, setChosen] = useState('');
  return (
    <>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setChosen(caseId.trim());
        }}
      >
        <label for="verify-case">{t('verify.caseId')}</label>
        <input
          id="verify-case"
          value={caseId}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setCaseId(e.currentTarget.value)}
        />
        <button type="submit">{t('verify.choose')}</button>
      </form>
      {chosen ? <VerifyChain key={chosen} caseId={chosen} /> : null}
    </>
  );
}
