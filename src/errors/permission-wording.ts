/**
 * The problem codes of who may do what (the 403 lines of src/auth/policy.ts and the routes) and their
 * sentences; part of the registry of problem-wording.ts.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

// What only a clerk does (`clerks-only`'s `act`).
const CLERK_ACTS: Record<string, { en: string; zh: string }> = {
  'assess-fee': { en: 'fees are assessed', zh: '费用' },
  'waive-fee': { en: 'fees are waived', zh: '费用减免' },
  'schedule-inspection': { en: 'inspections are scheduled', zh: '检查' },
};

/** Who may do what: the 403 lines of src/auth/policy.ts and the routes. */
export const PERMISSIONS = {
  'session-cross-origin': {
    en: () =>
      'a request that changes something must come from the console itself (Origin of this service); other sites cannot act with its session cookie',
    zh: () => '出于安全考虑，只能在本平台页面内办理此操作',
  },
  'file-own-enterprise': {
    en: (p) => `you file for your own enterprise ${s(p.org)}, not ${s(p.enterprise)}`,
    zh: (p) => `只能为本单位（${s(p.org)}）申报，不能为 ${s(p.enterprise)} 申报`,
  },
  'agent-names-applicant': {
    en: () => 'an agent names the enterprise it files for in `applicant`',
    zh: () => '代办员须写明所代办的建设单位',
  },
  'no-covering-agreement': {
    en: (p) => `you hold no active agreement from ${s(p.enterprise)} that covers this workflow`,
    zh: (p) => `您没有 ${s(p.enterprise)} 委托的、涵盖本事项的有效代办协议`,
  },
  'only-enterprise-files': {
    en: () => 'only an enterprise (or its agent) files applications',
    zh: () => '只有建设单位（或其代办员）可以申报',
  },
  'liaison-read-only': {
    en: () => 'you follow this enterprise as its liaison, read-only',
    zh: () => '您是该企业的联络人，只能查看',
  },
  'event-has-route': {
    en: (p) => `${s(p.event)} is not sent as an event; use ${s(p.route)}`,
    zh: (p, n) => `“${n.event(s(p.event))}”请在对应的栏目中办理`,
  },
  'timer-event': {
    en: (p) => `${s(p.event)} is sent by the engine's timers only`,
    zh: (p, n) => `“${n.event(s(p.event))}”由系统到期自动办理`,
  },
  'not-applicant-event': {
    en: (p) => `${s(p.event)} is not an applicant's event; only ${s(p.allowed)}`,
    zh: (p, n) => `建设单位不能办理“${n.event(s(p.event))}”`,
  },
  'other-department': {
    en: (p) => `a clerk of ${s(p.department)} acts only for ${s(p.department)}, not ${s(p.requested)}`,
    zh: (p, n) =>
      `${n.dept(s(p.department))}的工作人员只能办理本部门事项，不能代${n.dept(s(p.requested))}办理`,
  },
  'not-department-event': {
    en: (p) => `${s(p.event)} is not an event a ${s(p.department)} clerk sends in ${s(p.workflow)}`,
    zh: (p, n) => `${n.dept(s(p.department))}的工作人员在本事项中不能办理“${n.event(s(p.event))}”`,
  },
  'auditor-read-only': { en: () => 'auditors read only', zh: () => '督查人员只能查看' },
  'admin-no-cases': { en: () => 'administrators do not act on cases', zh: () => '平台管理员不办理具体办件' },
  'fees-by-clerks': {
    en: () => 'fees are assessed and waived by clerks',
    zh: () => '费用由部门工作人员核定和减免',
  },
  'clerks-only': {
    en: (p) => `${CLERK_ACTS[s(p.act)]?.en ?? s(p.act)} by department clerks`,
    zh: (p) => `${CLERK_ACTS[s(p.act)]?.zh ?? '此操作'}由部门工作人员办理`,
  },
  'fee-of-other-department': {
    en: (p) => `this fee is assessed and waived by ${s(p.collector)}, not ${s(p.department ?? 'you')}`,
    zh: (p, n) => `此项费用由${n.dept(s(p.collector))}核定和减免`,
  },
  'fees-paid-by-enterprise': {
    en: () => 'fees are paid by the enterprise (or its agent)',
    zh: () => '费用由建设单位（或其代办员）缴纳',
  },
  'inspections-by-clerks': {
    en: () => 'inspections are carried out by department clerks',
    zh: () => '检查由部门工作人员办理',
  },
  'inspection-of-other-department': {
    en: (p) => `${s(p.inspection)} is carried out by ${s(p.department)}, not ${s(p.own)}`,
    zh: (p, n) => `此项检查由${n.dept(s(p.department))}办理`,
  },
  'inbox-own-department': {
    en: (p) => `a clerk of ${s(p.department)} sees the ${s(p.department)} inbox only`,
    zh: () => '只能查看本部门的待办件',
  },
  'inbox-roles': {
    en: () => 'the task inbox is for clerks, auditors and administrators',
    zh: () => '待办件供部门工作人员、督查人员和平台管理员使用',
  },
  'delegations-not-for-role': {
    en: () => 'proxy-handling agreements are between enterprises and the service team',
    zh: () => '代办协议只在建设单位和代办专班之间签订',
  },
  'delegation-not-visible': {
    en: (p) => `no proxy-handling agreement ${s(p.id)} that you can see`,
    zh: (p) => `没有您可以查看的代办协议 ${s(p.id)}`,
  },
  'delegation-for-itself': {
    en: () => 'an enterprise requests proxy handling for itself',
    zh: () => '代办须由建设单位本身申请',
  },
  'delegation-invalid': {
    en: () => 'the request for proxy handling cannot be made as it is',
    zh: () => '代办申请的内容不符合要求，请按提示修改',
  },
  'delegation-action-role': {
    en: (p) => `${s(p.action)} is for ${(p.roles as readonly string[]).join(' or ')}s`,
    zh: (p, n) => `此操作只能由${(p.roles as readonly string[]).map((r) => n.role(r)).join('或')}办理`,
  },
  'action-body': {
    en: () => 'send no body, or a JSON object {comment?}',
    zh: () => '提交的内容不正确（只可填写意见）',
  },
  'action-comment-only': {
    en: () => 'an action on an agreement takes only a comment',
    zh: () => '对代办协议的操作只可填写意见',
  },
  'action-comment-too-long': {
    en: () => 'comment must be text of at most 2000 characters',
    zh: () => '意见最多 2000 个字符',
  },
  'not-a-uscc-param': {
    en: (p) => `${s(p.uscc)} is not a unified social credit code (18 characters)`,
    zh: (p) => `${s(p.uscc)} 不是统一社会信用代码（18 位）`,
  },
  'liaisons-admin-only': {
    en: () => 'only administrators name liaisons',
    zh: () => '只有平台管理员可以指定联络人',
  },
  'liaison-required': { en: () => 'name the liaison clerk', zh: () => '请指定联络人' },
  'own-enterprise-only': { en: () => 'you see your own enterprise only', zh: () => '只能查看本单位的信息' },
  'timers-admin-only': {
    en: () => 'the timers view is for administrators',
    zh: () => '只有平台管理员可以查看定时任务',
  },
  'timer-retry-admin-only': {
    en: () => 'retrying timers is for administrators',
    zh: () => '只有平台管理员可以重试定时任务',
  },
  'timer-status': { en: (p) => `status must be ${s(p.allowed)}`, zh: () => '定时任务状态筛选条件不正确' },
  'timer-id': {
    en: (p) => `no pending timer ${s(p.id)}; timer ids are whole numbers`,
    zh: (p) => `没有待执行的定时任务 ${s(p.id)}`,
  },
  'timer-gone': {
    en: (p) => `no pending timer ${s(p.id)}; it may have fired or been cancelled`,
    zh: (p) => `没有待执行的定时任务 ${s(p.id)}（可能已执行或已取消）`,
  },
  'import-admin-only': {
    en: () => 'importing past cases is for administrators',
    zh: () => '只有平台管理员可以导入历史办件',
  },
  'reports-role': {
    en: () => 'supervision reports are for auditors and administrators',
    zh: () => '督办报告供督查人员和平台管理员查看',
  },
  'metrics-role': {
    en: () => 'metrics are for auditors and administrators',
    zh: () => '审批时效统计供督查人员和平台管理员查看',
  },
  'report-date': {
    en: (p) => `at must be a date from ${s(p.first)} to ${s(p.last)} like 2026-03-02`,
    zh: (p) => `日期须在 ${s(p.first)} 年至 ${s(p.last)} 年之间`,
  },
  'group-by': { en: (p) => `groupBy must be one of: ${s(p.allowed)}`, zh: () => '分组方式不正确' },
} satisfies Record<string, Sentence>;
