/** What auditors read: processing times net of the stopped clock, and the open work per department. */
export {
  approvalTimes,
  type ApprovalTimesQuery,
  type ApprovalTimesRow,
  type GroupBy,
} from './approval-times.ts';
export { backlog, type BacklogRow } from './backlog.ts';
export { toCsv } from './csv.ts';
export {
  AT_RISK_WORKING_DAYS,
  biweeklyWatchList,
  monthlyBulletin,
  weeklyDispatch,
  workingDaysLeft,
  type BiweeklyReport,
  type BulletinRow,
  type DispatchCase,
  type DispatchTask,
  type MonthlyReport,
  type ReportDeps,
  type WatchDepartment,
  type WatchItem,
  type WeeklyReport,
} from './reports.ts';
