/**
 * A project as GET /api/v1/projects/:code answers it (docs/api.md, "Projects"): its four stages, every case in
 * each with its status, dates and figures, and the totals against the target in force for its type.
 */
import type { HttpContext } from '../http/context.ts';
import { historyOf } from '../cases/queries.ts';
import { enterpriseNames } from '../directory/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { fieldError, type FieldError } from '../errors/index.ts';
import { projectCaseFigures, type ProjectCaseFigures } from './case-figures.ts';
import { readProjectCode } from './project-code.ts';
import { PRE_CONSTRUCTION_STAGES, STAGES, stageProgress } from './stages.ts';
import type { ProjectRecord } from './store.ts';
import { projectTargets, targetFor } from './targets.ts';

/** One case of the project, as its page lists it. */
export interface ProjectCase {
  id: string;
  workflow: string;
  workflowVersion: number;
  title: string;
  stages: number[];
  applicant: string;
  status: string;
  createdAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  concludedAt: string | null;
  dueAt: string | null;
  figures: ProjectCaseFigures;
}

const sum = (values: Array<number | null>) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

/** The project in a list: what to choose it by. */
export function projectSummary(project: ProjectRecord, names: Map<string, string>) {
  return {
    code: project.code,
    name: project.name,
    projectType: project.projectType,
    enterprise: { uscc: project.enterprise, name: names.get(project.enterprise) ?? null },
    regionCode: project.regionCode,
    firstSeenAt: project.firstSeenAt,
    updatedAt: project.updatedAt,
  };
}

/** The whole project page: stages, cases and totals at the service's `now`. */
export async function projectView(ctx: HttpContext, project: ProjectRecord, apps: ApplicationRecord[]) {
  const now = ctx.clock.now();
  const cases = await Promise.all(apps.map((app) => projectCase(ctx, app, now)));
  const names = await enterpriseNames(ctx.db, [project.enterprise]);
  const target = targetFor(project.projectType);
  const reading = readProjectCode(project.code);
  const warnings: FieldError[] = reading.ok ? reading.warnings.map((code) => fieldError('/code', code)) : [];
  const inStage = (stage: number) => cases.filter((c) => c.stages.includes(stage));
  const government = (list: ProjectCase[]) => sum(list.map((c) => c.figures.governmentWorkingDays));
  const preConstruction = cases.filter((c) => c.stages.every((s) => PRE_CONSTRUCTION_STAGES.includes(s)));
  const completion = cases.filter((c) => c.stages.includes(4));
  const total = government(cases);
  const types = projectTargets().types;
  return {
    ...projectSummary(project, names),
    projectTypeName: project.projectType ? (types[project.projectType] ?? null) : null,
    codeForm: reading.ok ? reading.value.form : null,
    stages: STAGES.map(({ stage, en, zh }) => ({
      stage,
      name: en,
      nameZh: zh,
      progress: stageProgress(inStage(stage).map((c) => c.status)),
      cases: inStage(stage).map((c) => c.id),
      governmentWorkingDays: government(inStage(stage)),
    })),
    cases,
    totals: {
      governmentWorkingDays: total,
      applicantWorkingDays: sum(cases.map((c) => c.figures.applicantWorkingDays)),
      specialProcedureWorkingDays: sum(cases.map((c) => c.figures.specialProcedureWorkingDays)),
      preConstructionWorkingDays: government(preConstruction),
      completionWorkingDays: government(completion),
      withinTarget:
        total <= target.total &&
        (target.preConstruction === undefined || government(preConstruction) <= target.preConstruction) &&
        (target.completion === undefined || government(completion) <= target.completion),
      ...(cases.some((c) => c.figures.provisional) ? { provisional: true } : {}),
    },
    target,
    ...(warnings.length ? { warnings } : {}),
  };
}

async function projectCase(ctx: HttpContext, app: ApplicationRecord, now: Date): Promise<ProjectCase> {
  const def = ctx.registry.get(app.workflowId, app.workflowVersion);
  const history = await historyOf(ctx.db, app.id);
  const limit =
    app.acceptedAt || app.submittedAt ? def.limitWorkingDays(ctx.engine.snapshotOf(app).context) : null;
  return {
    id: app.id,
    workflow: app.workflowId,
    workflowVersion: app.workflowVersion,
    title: def.title,
    stages: [...def.stages],
    applicant: app.applicant,
    status: app.status,
    createdAt: app.createdAt,
    submittedAt: app.submittedAt,
    acceptedAt: app.acceptedAt,
    concludedAt: app.concludedAt,
    dueAt: app.dueAt,
    figures: projectCaseFigures({ app, def, history, limitWorkingDays: limit, calendar: ctx.calendar, now }),
  };
}
