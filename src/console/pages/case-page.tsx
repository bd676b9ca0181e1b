/**
 * One case, for everyone who may see it: where it stands and what to do next, the decisions this person may
 * take now, every department's lane in parallel, requests for supplements, fees, inspections, the form, the
 * workflow as stages with the current one marked (the statechart folded beneath), and the full history.
 */
import type { ComponentChildren } from 'preact';
import { api, type Application } from '../api/index.ts';
import { projectName } from '../components/case-list.tsx';
import { Decisions } from '../components/decisions.tsx';
import { Fees } from '../components/fees.tsx';
import { FormView } from '../components/form-view.tsx';
import { History, SupplementRequests } from '../components/history.tsx';
import { Inspections } from '../components/inspections.tsx';
import { Lanes } from '../components/lanes.tsx';
import { Materials } from '../components/materials.tsx';
import { NextAction } from '../components/next-action.tsx';
import { ProvisionalNote } from '../components/provisional.tsx';
import { StageDiagram } from '../components/stage-diagram.tsx';
import { StateTree } from '../components/state-tree.tsx';
import { Loaded, Section, StatusBadge } from '../components/ui.tsx';
import { VerifyChain } from '../components/verify-chain.tsx';
import { LicenceCard } from '../components/licence-card.tsx';
import { Ratings } from '../components/ratings.tsx';
import { ReviewProgress } from '../components/review-progress.tsx';
import { fmtDate, t, tWorkflow } from '../i18n/index.ts';
import { contractSchemas } from '../lib/contract.ts';
import { parseMermaid } from '../lib/mermaid.ts';
import { Link } from '../lib/router.tsx';
import type { JsonSchema } from '../lib/schema.ts';
import { useSession, type Session } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function CasePage({ caseId }: { caseId: string }) {
  const session = useSession()!;
  const found = useLoad(async () => {
    const app = await api.application(caseId);
    const [history, workflow, diagram, checklist, components, licences, ratings] = await Promise.all([
      api.history(caseId),
      api.workflow(app.workflow),
      api.diagram(app.workflow),
      api.checklist(),
      contractSchemas(),
      Promise.all(app.licences.map((l) => api.licence(l.number))),
      api.ratings(caseId),
    ]);
    return {
      app,
      history: history.items,
      workflow,
      tree: parseMermaid(diagram),
      checklist,
      components,
      licences,
      ratings: ratings.items,
    };
  }, [caseId]);

  return (
    <Loaded data={found.data} error={found.error}>
      {(data) => {
        const { app } = data;
        const role = session.claims.role;
        const sections: Record<string, ComponentChildren> = {
          decisions:
            role === 'applicant' || role === 'agent' || role === 'clerk' ? (
              <Section title={t('case.decisions')} id="decisions">
                {app.status === 'draft' && app.allowedEvents.includes('SUBMIT') ? (
                  <p>
                    <Link href={`/cases/${app.id}/edit`} class="button primary">
                      {t('case.completeDraft')}
                    </Link>
                  </p>
                ) : null}
                <Decisions
                  app={app}
                  maxExtensionDays={data.workflow.maxExtensionDays}
                  onDone={found.reload}
                />
              </Section>
            ) : (
              <Section title={t('verify.title')} id="verify">
                <VerifyChain caseId={app.id} />
              </Section>
            ),
          review: <ReviewProgress app={app} onDone={found.reload} />,
          licences: data.licences.length ? (
            <Section title={t('licence.title')} id="licences">
              {data.licences.map((licence) => (
                <LicenceCard key={licence.number} licence={licence} />
              ))}
            </Section>
          ) : null,
          ratings:
            data.ratings.length || ((role === 'applicant' || role === 'agent') && app.status !== 'draft') ? (
              <Section title={t('rating.title')} id="ratings">
                <Ratings
                  app={app}
                  ratings={data.ratings}
                  canRate={role === 'applicant' || role === 'agent'}
                  onDone={found.reload}
                />
              </Section>
            ) : null,
          lanes: (
            <Section title={t('case.lanes')} id="lanes">
              <Lanes tasks={app.tasks} departments={data.workflow.departments} />
            </Section>
          ),
          materials: (
            <Section
              title={t('materials.title')}
              id="materials"
              actions={
                app.status === 'supplementing' && (role === 'applicant' || role === 'agent') ? (
                  <Link href={`/cases/${app.id}/supplement`} class="button primary">
                    {t('supplement.title')}
                  </Link>
                ) : undefined
              }
            >
              <Materials app={app} session={session} onDone={found.reload} />
            </Section>
          ),
          supplements: (
            <Section title={t('supplements.title')} id="supplements">
              <SupplementRequests items={data.history} />
            </Section>
          ),
          fees: (
            <Section title={t('fees.title')} id="fees">
              <Fees app={app} role={role} checklist={data.checklist} onDone={found.reload} />
            </Section>
          ),
          inspections: (
            <Section title={t('inspections.title')} id="inspections">
              <Inspections app={app} session={session} checklist={data.checklist} onDone={found.reload} />
            </Section>
          ),
          form: (
            <Section title={t('case.form')} id="form">
              <h3>{t('draft.project')}</h3>
              <FormView
                schema={data.components.project as JsonSchema}
                components={data.components}
                value={app.project}
                parent="project"
              />
              <h3>{t('draft.form')}</h3>
              <FormView
                schema={data.workflow.formSchema as JsonSchema}
                components={data.components}
                value={app.form}
                parent="form"
              />
            </Section>
          ),
          // A pre-review is drawn by its own steps (the review's progress) rather than the permit's stages.
          diagram: app.investmentReview ? null : (
            <Section title={t('case.diagram')} id="diagram">
              <StageDiagram
                app={app}
                workflow={data.workflow}
                detail={<StateTree nodes={data.tree} state={app.state} />}
              />
            </Section>
          ),
          history: (
            <Section title={t('history.title')} id="history">
              <History items={data.history} app={app} />
            </Section>
          ),
        };
        const order =
          role === 'clerk'
            ? [
                'decisions',
                'review',
                'licences',
                'materials',
                'form',
                'lanes',
                'fees',
                'inspections',
                'supplements',
                'ratings',
                'history',
                'diagram',
              ]
            : [
                'review',
                'licences',
                'ratings',
                'decisions',
                'diagram',
                'materials',
                'lanes',
                'supplements',
                'fees',
                'inspections',
                'history',
                'form',
              ];
        return (
          <>
            <CaseHeader app={app} session={session} />
            {order.map((name) => (
              <div key={name}>{sections[name]}</div>
            ))}
          </>
        );
      }}
    </Loaded>
  );
}

function CaseHeader({ app, session }: { app: Application; session: Session }) {
  const role = session.claims.role;
  const timing = app.timing;
  const code = (app.project as { code?: string }).code;
  // The enterprise by its name, its code after it; the code alone while the directory has no name.
  const enterpriseLabel = app.applicantName ? `${app.applicantName}（${app.applicant}）` : app.applicant;
  return (
    <header class="case-header">
      {role === 'agent' ? (
        <p class="notice agent-banner" role="note">
          {t('agent.actingFor', { enterprise: enterpriseLabel })}
        </p>
      ) : null}
      <div class="page-head">
        <h1>{projectName(app)}</h1>
        <StatusBadge status={app.status} />
      </div>
      <p class="muted">
        {tWorkflow(app.workflow)} · {t('case.applicant', { uscc: app.applicantName ?? app.applicant })}
        {app.applicantName ? <span class="code-text secondary"> {app.applicant}</span> : null}
        {code ? ` · ${t('case.projectCode', { code })} · ` : ''}
        {code ? <Link href={`/projects/${encodeURIComponent(code)}`}>{t('project.open')}</Link> : null}
      </p>
      {role === 'applicant' || role === 'agent' ? <NextAction app={app} /> : null}
      <dl class="facts">
        <div>
          <dt>{t('case.submittedAt')}</dt>
          <dd>{fmtDate(app.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t('case.acceptedAt')}</dt>
          <dd>
            {fmtDate(app.acceptedAt)}
            {app.acceptanceDeemed ? ` (${t('case.deemed')})` : ''}
          </dd>
        </div>
        <div>
          <dt>{app.concludedAt ? t('case.concludedAt') : t('case.dueAt')}</dt>
          <dd>
            {fmtDate(app.concludedAt ?? app.dueAt)}
            {!app.concludedAt && app.dueProvisional ? (
              <ProvisionalNote years={app.dueMissingCalendarYears} />
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('case.workingDays')}</dt>
          <dd>
            {timing.netWorkingDays === null
              ? '—'
              : t('case.ofLimit', { net: timing.netWorkingDays, limit: timing.limitWorkingDays ?? '—' })}
            {timing.onTime === false ? <span class="badge bad"> {t('case.late')}</span> : null}
          </dd>
        </div>
        {timing.stoppedWorkingDays ? (
          <div>
            <dt>{t('case.stoppedDays')}</dt>
            <dd>
              {t('case.stoppedSplit', {
                applicant: timing.applicantWorkingDays ?? 0,
                special: timing.specialProcedureWorkingDays ?? 0,
              })}
            </dd>
          </div>
        ) : null}
        {app.liaison ? (
          <div>
            <dt>{t('case.liaison')}</dt>
            <dd>{app.liaisonName ?? app.liaison}</dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}
