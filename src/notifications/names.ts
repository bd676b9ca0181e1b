/** The Chinese names messages use for departments, workflows and task steps. */
import { departments } from '../../db/seeds/departments.ts';

const DEPARTMENTS = new Map(departments.map((d) => [d.code, d.name_zh]));

const WORKFLOWS: Record<string, string> = {
  'construction-permit': '建筑工程施工许可',
  'completion-acceptance': '联合竣工验收',
  'land-planning': '立项用地规划许可',
  'pledge-verification': '告知承诺核查',
};

const STEPS: Record<string, string> = {
  intake: '窗口受理',
  review: '审查',
  inspect: '验收检查',
  issue: '出件',
  'verify-pledge': '告知承诺核查',
  'check-rectification': '整改复查',
};

/** A department's Chinese name (`规划` for `planning`); the code itself when unknown. */
export function departmentName(code: string | null | undefined): string {
  if (!code) return '审批部门';
  return DEPARTMENTS.get(code) ?? code;
}

/** A workflow's Chinese name; the id itself when unknown. */
export function workflowName(id: string): string {
  return WORKFLOWS[id] ?? id;
}

/** A task step's Chinese name. */
export function stepName(action: string): string {
  return STEPS[action] ?? action;
}

/**
 * The Chinese part of a checklist name written `English (中文)`, as the published checklist writes fees and
 * inspections; the whole name when it has no such part.
 */
export function chineseLabel(name: string): string {
  const match = /[(（]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]\s*$/.exec(name);
  return match ? match[1]!.trim() : name;
}
