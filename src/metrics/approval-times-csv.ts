/**
 * The approval-time rows as a spreadsheet a person opens: Chinese column headers and department names by
 * default (the service's users read Chinese), English headers and codes with `?lang=en`.
 */
import { departments } from '../../db/seeds/departments.ts';
import type { ApprovalTimesRow, GroupBy } from './approval-times.ts';
import { toCsv } from './csv.ts';

/** The language of an export: Chinese unless English is asked for. */
export type CsvLang = 'zh-CN' | 'en';

/** The columns, in order: the JSON rows' own names, which the English header keeps. */
export const APPROVAL_TIMES_COLUMNS = [
  'group',
  'concluded',
  'meanWorkingDays',
  'medianWorkingDays',
  'p90WorkingDays',
  'maxWorkingDays',
  'onTimeRate',
  'limitWorkingDays',
  'overdueOpen',
] as const;

const GROUP_HEADERS: Record<GroupBy, string> = {
  month: '月份',
  workflow: '审批事项',
  department: '部门',
  step: '办理环节',
};

const HEADERS_ZH: Record<Exclude<(typeof APPROVAL_TIMES_COLUMNS)[number], 'group'>, string> = {
  concluded: '办结数',
  meanWorkingDays: '平均用时（工作日）',
  medianWorkingDays: '中位用时（工作日）',
  p90WorkingDays: '90% 用时（工作日）',
  maxWorkingDays: '最长用时（工作日）',
  onTimeRate: '按时办结率',
  limitWorkingDays: '法定时限（工作日）',
  overdueOpen: '超期未办结',
};

const STEPS_ZH: Record<string, string> = {
  intake: '窗口受理',
  review: '审查',
  issue: '出件',
  inspect: '验收检查',
};
const WORKFLOWS_ZH: Record<string, string> = {
  'construction-permit': '建筑工程施工许可',
  'completion-acceptance': '联合竣工验收',
};
const DEPARTMENTS_ZH = new Map(departments.map((d) => [d.code, d.name_zh]));

/** The group of a row by name in Chinese (a department's, a step's, a workflow's); a month as it is. */
function groupName(groupBy: GroupBy, group: string): string {
  const names: Record<GroupBy, (g: string) => string | undefined> = {
    month: () => undefined,
    workflow: (g) => WORKFLOWS_ZH[g],
    department: (g) => DEPARTMENTS_ZH.get(g),
    step: (g) => STEPS_ZH[g],
  };
  return names[groupBy](group) ?? group;
}

/**
 * The CSV of approval-time rows. In Chinese a UTF-8 byte-order mark leads, so that spreadsheet programs read
 * the characters as UTF-8 rather than the system's code page.
 */
export function approvalTimesCsv(rows: readonly ApprovalTimesRow[], groupBy: GroupBy, lang: CsvLang): string {
  if (lang === 'en') return toCsv(APPROVAL_TIMES_COLUMNS, rows as never);
  const header = [
    GROUP_HEADERS[groupBy],
    ...APPROVAL_TIMES_COLUMNS.slice(1).map((c) => HEADERS_ZH[c as never]),
  ];
  const body = toCsv(
    APPROVAL_TIMES_COLUMNS,
    rows.map((row) => ({ ...row, group: groupName(groupBy, String(row.group)) })) as never,
  );
  // toCsv writes the column names as the first line; the Chinese header replaces it.
  const lines = body.split('\r\n');
  lines[0] = header.map((h) => (/[",\r\n]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(',');
  return `\uFEFF${lines.join('\r\n')}`;
}
