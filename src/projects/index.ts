/**
 * Projects across the four approval stages: known by the investment project code, filled from the cases that
 * name it (an engine observer), read with their stages, cases and working days against the target in force.
 * `project-code.ts`, `targets.ts`, `store.ts`, `observer.ts`, `case-figures.ts`, `stages.ts` and
 * `visibility.ts` sit a layer lower (docs/architecture.md, "Layers").
 */
export { projectCodeParam } from './code-param.ts';
export { projectFromCase } from './observer.ts';
export {
  normaliseProjectCode,
  projectCodeWarnings,
  readProjectCode,
  type ProjectCodeForm,
  type ProjectCodeParts,
  type ProjectCodeReading,
} from './project-code.ts';
export { PROJECT_ROUTES, projectsRouter } from './routes.ts';
export { STAGES, stageProgress, type StageProgress } from './stages.ts';
export { projectByCode, type ProjectRecord } from './store.ts';
export { projectTargets, projectTypes, targetFor, type ProjectTarget } from './targets.ts';
