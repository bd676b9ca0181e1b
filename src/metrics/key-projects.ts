/**
 * The key projects' part of the general rhythm reports: the figures are counted by the task forces' rhythm
 * (src/task-forces/rhythm-figures.ts, the same computation as `figures` in GET /reports/…/projects), under the
 * published supervision rules; this only hands them the reports' dependencies.
 */
import { rhythmFigures, type KeyProjectFigures, type RhythmReport } from '../task-forces/rhythm-figures.ts';
import { supervisionRules } from '../task-forces/supervision-rules.ts';
import type { ReportDeps } from './report-deps.ts';

export type { KeyProjectFigures } from '../task-forces/rhythm-figures.ts';

/** The key projects' figures of the period of `report` on `at`. */
export function keyProjectFigures(
  deps: ReportDeps,
  report: RhythmReport,
  at: string,
): Promise<KeyProjectFigures> {
  return rhythmFigures({ db: deps.db, rules: supervisionRules().lights }, report, at);
}
