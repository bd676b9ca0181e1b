/** What auditors read: processing times net of the stopped clock, and the open work per department. */
export {
  approvalTimes,
  type ApprovalTimesQuery,
  type ApprovalTimesRow,
  type GroupBy,
} from './approval-times.ts';
export { backlog, type BacklogRow } from './backlog.ts';
export { toCsv } from './csv.ts';
