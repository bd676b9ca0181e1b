/** What auditors read: processing times net of the stopped clock, and the open work per department. */
export {
  approvalTimes,
  type ApprovalTimesQuery,
  type ApprovalTimesRow,
  type GroupBy,
} from './approval-times.ts';
export { backlog, type BacklogRow } from './backlog.ts';
export { toCsv } from './csv.ts';
export { APPROVAL_TIMES_COLUMNS, approvalTimesCsv, type CsvLang } from './approval-times-csv.ts';
export { monthlyBulletin, type BulletinRow, type MonthlyReport } from './monthly-bulletin.ts';
export type { ReportDeps } from './report-deps.ts';
export {
  AT_RISK_WORKING_DAYS,
  biweeklyWatchList,
  type BiweeklyReport,
  type WatchDepartment,
  type WatchItem,
} from './biweekly-watch-list.ts';
export { keyProjectFigures, type KeyProjectFigures } from './key-projects.ts';
export {
  weeklyDispatch,
  workingDaysLeft,
  type DispatchCase,
  type DispatchTask,
  type WeeklyReport,
} from './reports.ts';
