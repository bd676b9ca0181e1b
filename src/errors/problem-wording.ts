/**
 * The codes of problems (a refusal's `code`, finer than its `type`) and their sentences. English reproduces
 * what the API always said in `detail`; Chinese is what a zh-CN caller and the console read.
 */
import { EXCHANGE_PROBLEMS } from './exchange-wording.ts';
import { EXPERT_PROBLEMS } from './expert-wording.ts';
import { ADMIN_PROBLEMS } from './admin-wording.ts';
import { MATERIALS_PROBLEMS } from './materials-wording.ts';
import { PERMISSIONS } from './permission-wording.ts';
import { PROJECT_PROBLEMS } from './project-wording.ts';
import { PLEDGE_PROBLEMS } from './pledge-wording.ts';
import { RATING_PROBLEMS } from './rating-wording.ts';
import { REFERENCE_PROBLEMS } from './reference-wording.ts';
import { TASK_FORCE_PROBLEMS } from './task-force-wording.ts';
import { WORK_PROBLEMS } from './work-wording.ts';
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Refusals of the HTTP plumbing: the body, the headers, the query, the limits. */
const REQUESTS = {
  'not-authenticated': { en: () => 'no authenticated caller', zh: () => '请先登录' },
  'token-refused': {
    en: () => 'the token was refused',
    zh: (p) =>
      p.why === 'signature'
        ? '登录凭证的签名无法验证（不是本系统认可的认证平台签发的，或已被改动），请重新登录'
        : p.why === 'expired'
          ? '登录凭证已过期，请重新登录'
          : '登录凭证无效或已过期，请重新登录',
  },
  'metrics-token': {
    en: () => 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>" (the scrape token)',
    zh: () => '读取监控指标需要提供采集令牌',
  },
  'too-many-failures': {
    en: () =>
      'too many failed authentications from this address; wait for the time in Retry-After, then send a valid token',
    zh: () => '本地址登录失败次数过多，请稍后再试',
  },
  'too-many-requests': {
    en: (p) =>
      `too many requests for user ${s(p.sub)} (more than ${s(p.limit)} a minute); wait for the time in Retry-After`,
    zh: (p) => `操作过于频繁（每分钟超过 ${s(p.limit)} 次），请稍后再试`,
  },
  'not-json': {
    en: () => 'the body is not valid JSON; send one JSON object',
    zh: () => '提交的内容不是有效的 JSON',
  },
  'body-too-large': {
    en: (p) => `the body is larger than the ${s(p.limit ?? 'allowed')} bytes this route takes`,
    zh: () => '提交的内容过大',
  },
  'not-utf8': { en: () => 'send the body as UTF-8 JSON', zh: () => '提交的内容须为 UTF-8 编码的 JSON' },
  'body-cut-off': { en: () => 'the request body was cut off', zh: () => '提交的内容不完整，请重试' },
  'bad-path-escape': {
    en: () => 'the path has a broken percent-escape; encode it as UTF-8',
    zh: () => '网址中有无法识别的字符',
  },
  'bad-content-encoding': {
    en: () =>
      'the body could not be read as its Content-Encoding says; send it uncompressed, or compressed as labelled',
    zh: () => '提交的内容无法解压',
  },
  'database-unavailable': {
    en: () => 'the database is not available right now; try again shortly',
    zh: () => '系统暂时无法访问数据，请稍后再试',
  },
  'internal-error': {
    en: () => 'an unexpected error occurred; it has been logged',
    zh: () => '系统出现意外错误，已记录，请稍后再试',
  },
  'no-route': { en: (p) => `no route ${s(p.method)} ${s(p.path)}`, zh: () => '没有这个接口' },
  'json-object-required': {
    en: () => 'send a JSON object with Content-Type: application/json',
    zh: () => '请以 JSON 对象提交',
  },
  'json-hazard': {
    en: (p) =>
      `${s(p.where)} ${s(p.finding)}; ${s(p.what)} may be nested at most ${s(p.maxDepth)} levels deep ` +
      'and its text must be valid Unicode without NUL characters',
    zh: () => '提交的内容含有无法保存的字符或嵌套过深',
  },
  'body-shape': {
    en: (p) => `the body does not have the shape of ${s(p.schema)}`,
    zh: () => '提交的内容不符合要求，请按提示修改',
  },
  'page-limit': {
    en: () => 'limit must be a whole number from 1 to 500',
    zh: () => '每页条数须为 1 至 500 的整数',
  },
  'query-repeated': {
    en: (p) => `give ${s(p.name)} once, as plain text`,
    zh: (p) => `查询参数 ${s(p.name)} 只能给一次`,
  },
  'query-invalid': {
    en: (p) => `${s(p.name)} ${s(p.finding)}`,
    zh: (p) => `查询参数 ${s(p.name)} 不正确`,
  },
  'query-value': {
    en: (p) => `${s(p.name)} must be one of: ${s(p.allowed)}`,
    zh: (p) => `查询参数 ${s(p.name)} 须为以下之一：${s(p.allowed)}`,
  },
  'bad-cursor': {
    en: () => 'cursor is not one this service handed out; start again without it',
    zh: () => '翻页位置无效，请从第一页重新开始',
  },
  'idempotency-key-invalid': {
    en: () => 'Idempotency-Key must be 1–200 visible ASCII characters (a UUID is a good choice)',
    zh: () => '请求编号（Idempotency-Key）格式不正确',
  },
  'idempotency-key-reused': {
    en: () => 'this Idempotency-Key was used for a different request in the last 24 hours; use a new key',
    zh: () => '该请求编号已用于另一项操作，请刷新页面后重试',
  },
  'idempotency-key-in-use': {
    en: () => 'a request with this Idempotency-Key is still being processed; retry once it has been answered',
    zh: () => '同一操作正在处理中，请稍候',
  },
  'ndjson-required': {
    en: (p) => `send one application per line as NDJSON with Content-Type: ${s(p.type)}`,
    zh: () => '请按每行一件（NDJSON）提交',
  },
  'dev-sign-in-off': {
    en: () =>
      'development sign-in is off: this service has a configured key, and its tokens come from the identity provider',
    zh: () => '开发环境登录已关闭，请通过统一身份认证登录',
  },
  'dev-sign-in-invalid': { en: () => 'cannot sign in as that', zh: () => '无法以该身份登录，请按提示修改' },
} satisfies Record<string, Sentence>;

/** Refusals of the engine: the state, the content, the race. */
const CASES = {
  'event-not-allowed': {
    en: (p) => `${s(p.event)} is not allowed while the case is ${s(p.status)} (state ${s(p.state)})`,
    zh: (p, n) => `本件当前“${n.status(s(p.status))}”，不能办理“${n.event(s(p.event))}”`,
  },
  'event-not-ready': {
    en: (p) => `${s(p.event)} is not allowed now`,
    zh: (p, n) => `暂不能办理“${n.event(s(p.event))}”：尚有未完成的事项（检查、缴费或承诺补齐的材料）`,
  },
  'version-conflict': {
    en: (p) =>
      `application ${s(p.id)} changed while this event was applied (expected version ${s(p.version)}); reload the case and try again`,
    zh: () => '本件刚刚被他人办理过，请刷新后重试',
  },
  'materials-missing': {
    en: (p) => `${s(p.event)} needs these materials first: ${s(p.missing)}`,
    zh: (p) => `请先上传所需材料（${s(p.missing)}）后再办理`,
  },
  'not-in-catalog': {
    en: (p) =>
      `${s(p.material)} is not in the material catalog of ${s(p.workflow)} (version ${s(p.version)}) this case follows`,
    zh: () => '该材料不在本事项的材料清单中',
  },
  'licence-invalid': {
    en: (p) => `the cited licence ${s(p.number)} cannot be used here`,
    zh: (p) => `所引用的电子证照 ${s(p.number)} 无效，请核对证照编号`,
  },
  'correction-invalid': {
    en: () => 'the corrected application is invalid; fix the fields listed',
    zh: () => '更正后的申请表有误，请按提示修改',
  },
  'pledge-items-invalid': {
    en: () => 'only missing pledgeable materials may follow under a pledge',
    zh: () => '只有尚未提交、且允许容缺的材料可以承诺后补',
  },
  'materials-not-in-catalog': {
    en: () => 'name materials of the case catalog',
    zh: () => '请选择本事项材料清单中的材料',
  },
  'application-incomplete': {
    en: () => 'the application is incomplete or invalid; fix the fields listed',
    zh: () => '申请表未填完整或有误，请按提示修改',
  },
  'event-incomplete': {
    en: (p) => `the ${s(p.event)} event is incomplete`,
    zh: (p, n) => `“${n.event(s(p.event))}”的内容不完整，请按提示补充`,
  },
  'event-invalid': {
    en: () => 'the event cannot be accepted as sent',
    zh: () => '该操作的内容不符合要求，请按提示修改',
  },
  'application-not-found': { en: (p) => `no application ${s(p.id)}`, zh: (p) => `没有办件 ${s(p.id)}` },
  'application-not-visible': {
    en: (p) => `no application ${s(p.id)} that you can see`,
    zh: (p) => `没有您可以查看的办件 ${s(p.id)}`,
  },
  'unknown-workflow': {
    en: (p) => `no workflow ${s(p.workflow)}${p.version === undefined ? '' : ` version ${s(p.version)}`}`,
    zh: (p, n) => `没有审批事项“${n.workflow(s(p.workflow))}”`,
  },
  'no-such-workflow': {
    en: (p) => `there is no workflow ${s(p.workflow)}`,
    zh: (p, n) => `没有审批事项“${n.workflow(s(p.workflow))}”`,
  },
  'draft-too-large': {
    en: () => 'the draft is over a size limit; shorten the fields listed',
    zh: () => '草稿内容超出长度限制，请缩短所列栏目',
  },
  'draft-by-enterprise': {
    en: () => 'only the enterprise (or its agent) changes its draft',
    zh: () => '草稿只能由建设单位（或其代办员）修改',
  },
  'case-status-filter': {
    en: (p) => `status must be one of: ${s(p.allowed)}`,
    zh: () => '办件状态筛选条件不正确',
  },
  'task-status-filter': { en: () => 'status must be open or closed', zh: () => '待办件状态筛选条件不正确' },
  'overdue-filter': { en: () => 'overdue must be true or false', zh: () => '“是否超时”筛选条件不正确' },
  'chain-verification-role': {
    en: () => 'chain verification is for auditors and administrators',
    zh: () => '只有督查人员和平台管理员可以校验审计链',
  },
  'import-refused': {
    en: () => 'the line cannot be imported',
    zh: () => '该行历史记录不能导入',
  },
} satisfies Record<string, Sentence>;

/** Every problem code with its sentences: the registry the tests walk. */
export const PROBLEM_SENTENCES: Record<string, Sentence> = {
  ...REQUESTS,
  ...CASES,
  ...PERMISSIONS,
  ...REFERENCE_PROBLEMS,
  ...MATERIALS_PROBLEMS,
  ...RATING_PROBLEMS,
  ...WORK_PROBLEMS,
  ...EXCHANGE_PROBLEMS,
  ...PROJECT_PROBLEMS,
  ...PLEDGE_PROBLEMS,
  ...EXPERT_PROBLEMS,
  ...TASK_FORCE_PROBLEMS,
  ...ADMIN_PROBLEMS,
};

/** A problem's code. */
export type ProblemCode =
  | keyof typeof REQUESTS
  | keyof typeof CASES
  | keyof typeof PERMISSIONS
  | keyof typeof REFERENCE_PROBLEMS
  | keyof typeof MATERIALS_PROBLEMS
  | keyof typeof WORK_PROBLEMS
  | keyof typeof EXCHANGE_PROBLEMS
  | keyof typeof PROJECT_PROBLEMS
  | keyof typeof PLEDGE_PROBLEMS
  | keyof typeof EXPERT_PROBLEMS
  | keyof typeof TASK_FORCE_PROBLEMS
  | keyof typeof RATING_PROBLEMS
  | keyof typeof WORK_PROBLEMS
  | keyof typeof ADMIN_PROBLEMS;
