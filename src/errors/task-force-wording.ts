/**
 * Problem and field codes of the key projects' task forces, plans, issue lists and dispatches (part of the
 * registries in problem-wording.ts and field-wording.ts), with their English and Chinese sentences.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Problem codes (a refusal's `code`). */
export const TASK_FORCE_PROBLEMS = {
  'no-project': {
    en: (p) => `no key project ${s(p.code)} that the caller may read`,
    zh: (p) => `没有可查看的项目 ${s(p.code)}`,
  },
  'project-write': {
    en: () =>
      "only the lead unit's clerks and the resident officer of the task force may change a project's plan and issues",
    zh: () => '只有专班牵头单位的工作人员和驻企专员可以修改项目计划和问题清单',
  },
  'project-leader-only': {
    en: () => "only the project's responsible leader decides on a new baseline",
    zh: () => '只有项目的责任领导可以审定新的计划基线',
  },
  'task-force-admin-only': {
    en: () => 'only an administrator forms a task force',
    zh: () => '只有管理员可以组建专班',
  },
  'dispatch-admin-only': {
    en: () => 'only an administrator records the weekly dispatch',
    zh: () => '只有管理员可以登记周调度',
  },
  'project-reports-role': {
    en: () => "the key projects' reports are for auditors and administrators",
    zh: () => '重点项目报表仅限督查人员和管理员查看',
  },
  'task-force-incomplete': {
    en: () => 'the task force is not complete; see errors',
    zh: () => '专班成员信息不完整，请按提示补充',
  },
  'baseline-invalid': {
    en: () => 'the baseline cannot be recorded; see errors',
    zh: () => '计划基线有误，请按提示修改',
  },
  'baseline-proposal-pending': {
    en: (p) => `baseline version ${s(p.version)} is still waiting for the responsible leader's decision`,
    zh: (p) => `第 ${s(p.version)} 版计划基线尚待责任领导审定，请等待审定后再提出`,
  },
  'no-baseline-proposal': {
    en: (p) => `no baseline proposal ${s(p.version)} waiting for a decision`,
    zh: (p) => `没有待审定的第 ${s(p.version)} 版计划基线`,
  },
  'no-milestone': {
    en: (p) => `no milestone ${s(p.milestone)}`,
    zh: (p) => `没有节点“${s(p.milestone)}”`,
  },
  'milestone-invalid': {
    en: () => 'the actual date cannot be recorded; see errors',
    zh: () => '节点实际完成日期有误，请按提示修改',
  },
  'no-project-issue': {
    en: (p) => `no issue ${s(p.id)} on this project`,
    zh: (p) => `本项目没有编号为 ${s(p.id)} 的问题`,
  },
  'project-issue-invalid': {
    en: () => 'the issue cannot be recorded; see errors',
    zh: () => '问题信息有误，请按提示修改',
  },
  'issue-resolved': {
    en: (p) => `issue ${s(p.id)} is resolved; raise a new one`,
    zh: () => '该问题已解决，不能再修改；如有新情况请另行提出',
  },
  'dispatch-already-held': {
    en: (p) => `the dispatch of ${s(p.day)} is already recorded`,
    zh: (p) => `${s(p.day)} 的周调度已登记`,
  },
  'battle-map-filter': {
    en: () => 'the battle map filters are malformed; see errors',
    zh: () => '作战图筛选条件有误',
  },
} satisfies Record<string, Sentence>;

/** Field codes (an entry of a refusal's `errors`). */
export const TASK_FORCE_FIELDS = {
  'member-needs-user': {
    en: (p) => `a ${s(p.role)} needs the user id (sub) they sign in with`,
    zh: () => '责任领导和驻企专员须填写登录账号',
  },
  'member-needs-department': {
    en: () => "the lead unit needs its department's code (org)",
    zh: () => '牵头单位须填写部门代码',
  },
  'one-per-role': {
    en: (p) => `a task force has one ${s(p.role)}`,
    zh: () => '专班中该角色只能有一名',
  },
  'member-required': {
    en: (p) => `a task force needs its ${s(p.role)}`,
    zh: () => '专班须有责任领导、牵头单位和驻企专员',
  },
  'stage-milestone-automatic': {
    en: () => "is a stage's result: the approval of a case of that stage gives its date",
    zh: () => '该节点为审批阶段结果，由审批办结自动填写，无需录入',
  },
  'reason-required': {
    en: () => 'is required to change a baseline in force',
    zh: () => '调整计划基线须说明原因',
  },
} satisfies Record<string, Sentence>;
