/**
 * Problem and field codes of work (part of the registries in problem-wording.ts and field-wording.ts),
 * with their English and Chinese sentences.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

// What a task action is (`action` of the task codes): claim, release or assign.
const TASK_ACTIONS: Record<string, { en: string; zh: string }> = {
  claim: { en: 'claiming a task', zh: '认领' },
  release: { en: 'releasing a task', zh: '释放' },
  assign: { en: 'assigning a task', zh: '分派' },
};
const taskAction = (value: WordParams[string]) => TASK_ACTIONS[s(value)] ?? { en: s(value), zh: '办理' };

// A licence's status as the verification page shows it (src/licences/pdf.ts).
const LICENCE_STATUS_ZH: Record<string, string> = {
  valid: '有效',
  in_force: '有效（已开工）',
  lapsed: '已失效',
  revoked: '已撤销',
  superseded: '已被更正证照取代',
};

/** Problem codes (a refusal's `code`). */
export const WORK_PROBLEMS = {
  'task-not-visible': {
    en: (p) => `no task ${s(p.id)} that you can see`,
    zh: (p) => `没有您可以查看的待办件 ${s(p.id)}`,
  },
  'task-clerks-only': {
    en: (p) => `${taskAction(p.action).en} is for the clerks of the task's department`,
    zh: (p) => `只有该待办件所属部门的工作人员可以${taskAction(p.action).zh}`,
  },
  'task-other-department': {
    en: (p) => `the task belongs to ${s(p.department)}; a clerk of ${s(p.own)} acts for ${s(p.own)} only`,
    zh: (p, n) => `该待办件属于${n.dept(s(p.department))}，您只能办理本部门的待办件`,
  },
  'task-lead-only': {
    en: (p) => `${taskAction(p.action).en} is for the lead of ${s(p.department)}`,
    zh: (p, n) => `只有${n.dept(s(p.department))}的负责人可以${taskAction(p.action).zh}待办件`,
  },
  'task-closed': { en: (p) => `task ${s(p.id)} is closed`, zh: () => '该待办件已办结' },
  'task-claimed': {
    en: (p) => `task ${s(p.id)} is already claimed by ${s(p.holder)}`,
    zh: () => '该待办件已被其他工作人员认领',
  },
  'task-not-claimed': {
    en: (p) => `task ${s(p.id)} is not claimed by anyone`,
    zh: () => '该待办件尚无人认领',
  },
  'task-claimed-by-another': {
    en: (p) => `task ${s(p.id)} is claimed by ${s(p.holder)}; only they or the department's lead release it`,
    zh: () => '该待办件由其他工作人员认领，只有认领人或部门负责人可以释放',
  },
  'assignee-not-clerk': {
    en: (p) => `${s(p.clerk)} is not a clerk of ${s(p.department)} known to the service`,
    zh: (p, n) => `所选人员不是${n.dept(s(p.department))}已登录过本平台的工作人员`,
  },
  'search-too-long': {
    en: (p) => `q must be at most ${s(p.max)} characters`,
    zh: (p) => `搜索内容最多 ${s(p.max)} 个字符`,
  },
  'too-many-requests-from-address': {
    en: (p) =>
      `too many requests from this address (more than ${s(p.limit)} a minute); wait for the time in Retry-After`,
    zh: (p) => `本地址访问过于频繁（每分钟超过 ${s(p.limit)} 次），请稍后再试`,
  },
  'directory-entry-not-visible': {
    en: (p) => `no directory entry ${s(p.uscc)} that you can see`,
    zh: (p) => `没有您可以查看的企业信息 ${s(p.uscc)}`,
  },
  'directory-own-entry': {
    en: () => 'an enterprise keeps its own entry only (or an administrator does)',
    zh: () => '只能维护本单位的企业信息（或由平台管理员维护）',
  },
  'people-own-department': {
    en: (p) => `a clerk of ${s(p.department)} sees the clerks of ${s(p.department)} only`,
    zh: () => '只能查看本部门的工作人员',
  },
  'people-roles': {
    en: () => "a department's clerks are listed for clerks, auditors and administrators",
    zh: () => '部门工作人员名单供部门工作人员、督查人员和平台管理员查看',
  },
  'department-required': { en: () => 'name the department', zh: () => '请选择部门' },
  'outbox-admin-only': {
    en: () => 'the outbox view is for administrators',
    zh: () => '只有平台管理员可以查看推送失败的消息',
  },
  'outbox-status': {
    en: (p) => `status must be ${s(p.allowed)}`,
    zh: () => '消息推送状态筛选条件不正确',
  },
  'outbox-retry-admin-only': {
    en: () => 'retrying outbox messages is for administrators',
    zh: () => '只有平台管理员可以重新推送消息',
  },
  'outbox-id': {
    en: (p) => `no undelivered message ${s(p.id)}; outbox ids are whole numbers`,
    zh: (p) => `没有未送达的消息 ${s(p.id)}`,
  },
  'outbox-gone': {
    en: (p) => `no undelivered message ${s(p.id)}; it may have been delivered`,
    zh: (p) => `没有未送达的消息 ${s(p.id)}（可能已经送达）`,
  },
  'unread-filter': { en: () => 'unread must be true or false', zh: () => '“是否未读”筛选条件不正确' },
  'notification-id': {
    en: (p) => `no message ${s(p.id)}; message ids are whole numbers`,
    zh: (p) => `没有编号为 ${s(p.id)} 的消息`,
  },
  'notification-not-yours': {
    en: (p) => `no message ${s(p.id)} for you`,
    zh: (p) => `没有发给您的消息 ${s(p.id)}`,
  },
  'no-licence': {
    en: (p) => `no licence ${s(p.number)}`,
    zh: (p) => `没有编号为 ${s(p.number)} 的电子证照`,
  },
  'licence-holder-event': {
    en: (p) => `${s(p.event)} is for the licence's holder, or its agent under an active agreement`,
    zh: (p, n) => `“${n.event(s(p.event))}”只能由持证单位（或持有效代办协议的代办员）办理`,
  },
  'licence-authority-event': {
    en: (p) => `${s(p.event)} is for the window or an administrator`,
    zh: (p, n) => `“${n.event(s(p.event))}”只能由综合受理窗口或平台管理员办理`,
  },
  'not-licence-event': {
    en: (p) => `${s(p.event)} is not an event of a licence`,
    zh: (p, n) => `“${n.event(s(p.event))}”不是电子证照的操作`,
  },
} satisfies Record<string, Sentence>;

/** Field codes (a field error's `code`); the first three are rules of schemas/licence-event-content.json. */
export const WORK_FIELDS = {
  'extension-refusal-reasons': {
    en: () => 'must state the reasons for refusing the extension',
    zh: () => '须写明不予延期的理由',
  },
  'revocation-reason': { en: () => 'must state the reason for the revocation', zh: () => '须写明撤销的理由' },
  'correction-reason': {
    en: () => 'must state what is corrected and why',
    zh: () => '须写明更正的内容和理由',
  },
  'correction-content': {
    en: () => 'must give at least one of holderName, project, covers',
    zh: () => '须至少更正持证单位名称、项目信息或许可范围中的一项',
  },
  'works-delay-reason': {
    en: () => 'must state why work cannot start in time',
    zh: () => '须写明不能按期开工的原因',
  },
  'licence-extension-data': {
    en: (p) => `must be an object giving months, the extension asked for (1 to ${s(p.max)})`,
    zh: (p) => `须写明申请延期的月数（1 至 ${s(p.max)} 个月）`,
  },
  'licence-extension-months': {
    en: (p) => `must be a whole number of months from 1 to ${s(p.max)}`,
    zh: (p) => `须为 1 至 ${s(p.max)} 之间的整数个月`,
  },
  'clerk-of-department': {
    en: (p) => `must be a clerk of ${s(p.department)} who has signed in`,
    zh: (p, n) => `须为${n.dept(s(p.department))}已登录过本平台的工作人员`,
  },
  'permit-unknown': {
    en: () => 'is not the number of a licence this service issued; cite a valid construction permit of yours',
    zh: () => '不是本平台核发的电子证照编号，请填写本单位有效的施工许可证编号',
  },
  'permit-not-construction': {
    en: () => 'is not a construction permit; cite a valid construction permit of yours',
    zh: () => '该证照不是施工许可证，请填写本单位有效的施工许可证编号',
  },
  'permit-of-another-holder': {
    en: () => "is another enterprise's construction permit; cite a valid construction permit of yours",
    zh: () => '该施工许可证属于其他单位，请填写本单位有效的施工许可证编号',
  },
  'permit-not-valid': {
    en: (p) =>
      `names a construction permit that is ${s(p.status)}; cite a valid construction permit of yours`,
    zh: (p) =>
      `该施工许可证当前状态为“${LICENCE_STATUS_ZH[s(p.status)] ?? '无效'}”，请填写本单位有效的施工许可证编号`,
  },
} satisfies Record<string, Sentence>;
