/**
 * A project across its four approval stages: each stage with its cases, every case with its status, dates and
 * working days, and the totals against the target in force (GET /api/v1/projects/{code}).
 */
import { api, type ProjectDetail } from '../api/index.ts';
import { Loaded, Section, StatusBadge, TableScroll } from '../components/ui.tsx';
import { fmtDate, lang, t, tOr, tWorkflow } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { useLoad } from '../lib/use-load.ts';

type ProjectCase = ProjectDetail['cases'][number];

const days = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : String(value);

export function ProjectPage({ code }: { code: string }) {
  const project = useLoad(() => api.project(code), [code]);
  return (
    <Loaded data={project.data} error={project.error}>
      {(data) => <ProjectView project={data} />}
    </Loaded>
  );
}

function ProjectView({ project }: { project: ProjectDetail }) {
  const byId = new Map(project.cases.map((c) => [c.id, c]));
  const typeName = project.projectTypeName
    ? lang.get() === 'en'
      ? project.projectTypeName.en
      : project.projectTypeName.zh
    : null;
  return (
    <>
      <div class="page-head">
        <h1>{project.name}</h1>
      </div>
      <p class="muted">
        {t('project.code', { code: project.code })}
        {typeName ? ` · ${t('project.type', { type: typeName })}` : ''}
        {` · ${project.enterprise.name ?? project.enterprise.uscc}`}
      </p>
      {project.warnings?.length ? (
        <p class="notice" role="note">
          {tOr(`project.warning.${project.warnings[0]!.code}`, project.warnings[0]!.detail)}
        </p>
      ) : null}
      <Totals project={project} />
      {project.stages.map((stage) => (
        <Section
          key={stage.stage}
          id={`stage-${stage.stage}`}
          title={t('project.stage', {
            stage: stage.stage,
            name: lang.get() === 'en' ? stage.name : stage.nameZh,
          })}
        >
          <p class="muted">
            {tOr(`project.progress.${stage.progress}`, stage.progress)} ·{' '}
            {t('project.governmentDays', { days: stage.governmentWorkingDays })}
          </p>
          {stage.cases.length ? (
            <CaseTable cases={stage.cases.map((id) => byId.get(id)!).filter(Boolean)} label={stage.nameZh} />
          ) : (
            <p>{t('project.noCases')}</p>
          )}
        </Section>
      ))}
    </>
  );
}

function Totals({ project }: { project: ProjectDetail }) {
  const { totals, target } = project;
  return (
    <dl class="facts">
      <div>
        <dt>{t('project.totalGovernment')}</dt>
        <dd>
          {t('project.ofTarget', { days: totals.governmentWorkingDays, target: target.total })}{' '}
          <span class={`badge ${totals.withinTarget ? 'good' : 'bad'}`}>
            {totals.withinTarget ? t('project.withinTarget') : t('project.overTarget')}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('project.applicantDays')}</dt>
        <dd>{totals.applicantWorkingDays}</dd>
      </div>
      <div>
        <dt>{t('project.specialDays')}</dt>
        <dd>{totals.specialProcedureWorkingDays}</dd>
      </div>
      <div>
        <dt>{t('project.target')}</dt>
        <dd>{target.source}</dd>
      </div>
    </dl>
  );
}

function CaseTable({ cases, label }: { cases: ProjectCase[]; label: string }) {
  return (
    <TableScroll label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('project.case')}</th>
            <th scope="col">{t('project.status')}</th>
            <th scope="col">{t('project.acceptedAt')}</th>
            <th scope="col">{t('project.concludedAt')}</th>
            <th scope="col">{t('project.governmentDaysColumn')}</th>
            <th scope="col">{t('project.applicantDays')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/cases/${c.id}`}>{tWorkflow(c.workflow)}</Link>
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>{c.acceptedAt ? fmtDate(c.acceptedAt) : '—'}</td>
              <td>{c.concludedAt ? fmtDate(c.concludedAt) : '—'}</td>
              <td>
                {days(c.figures.governmentWorkingDays)}
                {c.figures.limitWorkingDays ? ` / ${c.figures.limitWorkingDays}` : ''}
              </td>
              <td>{days(c.figures.applicantWorkingDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
