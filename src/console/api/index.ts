/**
 * The service's routes the console calls, typed with the interfaces generated from GET /openapi.json
 * (`types.gen.ts`, `npm run console:types`).
 */
import { get, patch, post, query, request } from './client.ts';
import { lang } from '../i18n/index.ts';
import type {
  Application,
  ApplicationSummary,
  ApprovalTimesRow,
  BacklogRow,
  BattleMapRow,
  BiweeklyReport,
  ChainVerification,
  CreditRecord,
  CreditRecordCreate,
  CreditRepair,
  Delegation,
  DelegationRequest,
  DevToken,
  DrawVerification,
  Expert,
  Enterprise,
  EnterpriseEntry,
  Fee,
  Guide,
  HistoryItem,
  InvestmentReview,
  InvestmentReviewFigures,
  InvestmentReviewSummary,
  Inspection,
  Licence,
  MonthlyReport,
  Notification,
  Person,
  ProjectDetail,
  ProjectSummary,
  PledgeOffer,
  PledgeVerification,
  PublishedChecklist,
  ReviewBallot,
  ReviewDeclaration,
  Rating,
  RatingCreate,
  RatingFollowUp,
  RatingFollowUpEvent,
  RatingList,
  Task,
  WeeklyReport,
  Workflow,
  WorkflowSummary,
} from './types.gen.ts';

export { ApiError, query } from './client.ts';
export type * from './types.gen.ts';

/** A page of a list route. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** A page of the caller's messages, with their unread count over all pages. */
export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

/** The case list's filters (docs/api.md): search, status, workflow, department, due window, order. */
export interface CaseFilters {
  q?: string;
  status?: string;
  workflow?: string;
  department?: string;
  overdue?: boolean;
  dueFrom?: string;
  dueTo?: string;
  sort?: 'created' | 'due';
  limit?: number;
  cursor?: string | null;
}

/** The inbox's filters: whose tasks, search, workflow, urgency, due window. */
export interface TaskFilters {
  status?: 'open' | 'closed';
  assignee?: 'mine' | 'unclaimed' | 'all';
  q?: string;
  workflow?: string;
  urgency?: 'overdue' | 'soon';
  dueFrom?: string;
  dueTo?: string;
  limit?: number;
  cursor?: string | null;
}

/** The body of POST …/events. */
export interface EventBody {
  type: string;
  comment?: string;
  data?: Record<string, unknown>;
}

const A = '/api/v1';
const id = (value: string | number) => encodeURIComponent(String(value));

export const api = {
  /** Public: anyone may verify a licence (no token needed). */
  licence: (number: string) => get<Licence>(`${A}/licences/${id(number)}`),
  licencePdfUrl: (number: string) => `${A}/licences/${id(number)}/pdf`,
  devToken: (body: { role?: string; org?: string; sub?: string; name?: string }) =>
    post<DevToken>(`${A}/dev/token`, body),

  workflows: () => get<Page<WorkflowSummary>>(`${A}/workflows`),
  /** Public: what the process would ask for these facts (no token needed). */
  guide: (body: { workflow: string; form?: object; project?: object }) => post<Guide>(`${A}/guide`, body),
  workflow: (workflow: string) => get<Workflow>(`${A}/workflows/${id(workflow)}`),
  diagram: (workflow: string) =>
    request<string>('GET', `${A}/workflows/${id(workflow)}/diagram`, { accept: 'text/plain', text: true }),
  /** The contract itself: the console resolves the form schemas' `$ref`s against its components. */
  openapi: () => get<{ components: { schemas: Record<string, object> } }>('/openapi.json'),

  /** One page of cases; `cursor` from the previous page's `nextCursor`. */
  applications: (filters: CaseFilters = {}) =>
    get<Page<ApplicationSummary>>(`${A}/applications${query({ limit: 50, ...filters })}`),
  application: (caseId: string) => get<Application>(`${A}/applications/${id(caseId)}`),
  create: (body: { workflow: string; applicant?: string; project: object; form: object }, key?: string) =>
    post<Application>(`${A}/applications`, body, key),
  patchDraft: (caseId: string, body: { project?: object; form?: object }) =>
    patch<Application>(`${A}/applications/${id(caseId)}`, body),
  /** `key`: the act's own Idempotency-Key, so that a second click or a retry sends it once. */
  send: (caseId: string, event: EventBody, key?: string) =>
    post<Application>(`${A}/applications/${id(caseId)}/events`, event, key),
  history: (caseId: string) => get<Page<HistoryItem>>(`${A}/applications/${id(caseId)}/history`),
  verify: (caseId: string) => get<ChainVerification>(`${A}/applications/${id(caseId)}/verify`),

  /** One page of the inbox; `cursor` from the previous page's `nextCursor`. */
  tasks: (filters: TaskFilters = {}) => get<Page<Task>>(`${A}/tasks${query({ limit: 50, ...filters })}`),
  claimTask: (taskId: number) => post<Task>(`${A}/tasks/${id(taskId)}/claim`),
  releaseTask: (taskId: number) => post<Task>(`${A}/tasks/${id(taskId)}/release`),
  assignTask: (taskId: number, clerk: string) => post<Task>(`${A}/tasks/${id(taskId)}/assign`, { clerk }),
  clerks: () => get<{ items: Person[] }>(`${A}/people`),
  enterprise: (uscc: string) => get<Enterprise>(`${A}/enterprises/${id(uscc)}`),
  project: (code: string) => get<ProjectDetail>(`${A}/projects/${id(code)}`),
  projects: (cursor?: string) =>
    get<Page<ProjectSummary>>(`${A}/projects${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  keepEnterprise: (uscc: string, body: EnterpriseEntry) =>
    request<Enterprise>('PUT', `${A}/enterprises/${id(uscc)}`, { body }),
  checklist: () => get<PublishedChecklist>(`${A}/checklist`),
  assessFee: (caseId: string, body: { code: string; quantity?: number }) =>
    post<Fee>(`${A}/applications/${id(caseId)}/fees`, body),
  payFee: (caseId: string, feeId: number, paymentRef: string) =>
    post<Fee>(`${A}/applications/${id(caseId)}/fees/${id(feeId)}/pay`, { paymentRef }),
  waiveFee: (caseId: string, feeId: number, reason: string) =>
    post<Fee>(`${A}/applications/${id(caseId)}/fees/${id(feeId)}/waive`, { reason }),
  ratings: (caseId: string) => get<RatingList>(`${A}/applications/${id(caseId)}/ratings`),
  rate: (caseId: string, body: RatingCreate) => post<Rating>(`${A}/applications/${id(caseId)}/ratings`, body),
  followUp: (followUpId: string) => get<RatingFollowUp>(`${A}/rating-follow-ups/${id(followUpId)}`),
  followUpStep: (followUpId: string, body: RatingFollowUpEvent) =>
    post<RatingFollowUp>(`${A}/rating-follow-ups/${id(followUpId)}/events`, body),
  scheduleInspection: (caseId: string, body: { code: string; scheduledAt: string }) =>
    post<Inspection>(`${A}/applications/${id(caseId)}/inspections`, body),
  inspectionResult: (
    caseId: string,
    inspectionId: number,
    body: { result: 'pass' | 'fail'; findings?: string },
  ) => post<Inspection>(`${A}/applications/${id(caseId)}/inspections/${id(inspectionId)}/result`, body),

  /** Expert review: the reviews where the expert sits, one review, the declaration and the sealed ballot. */
  investmentReviews: (filters: { batch?: string; status?: string } = {}) =>
    get<{ items: InvestmentReviewSummary[] }>(`${A}/investment-reviews${query(filters)}`),
  investmentReview: (reviewId: string) => get<InvestmentReview>(`${A}/investment-reviews/${id(reviewId)}`),
  declare: (reviewId: string, body: ReviewDeclaration) =>
    post<InvestmentReview>(`${A}/investment-reviews/${id(reviewId)}/declaration`, body),
  castBallot: (reviewId: string, body: ReviewBallot) =>
    post<InvestmentReview>(`${A}/investment-reviews/${id(reviewId)}/ballot`, body),
  /** The review officer: a batch closed early, the draw, an objection decided, an absence recorded. */
  closeBatch: (batch: string, key?: string) =>
    post<{ batch: string; closed: string[] }>(`${A}/investment-reviews/batches/${id(batch)}/close`, {}, key),
  drawPanel: (reviewId: string, key?: string) =>
    post<InvestmentReview>(`${A}/investment-reviews/${id(reviewId)}/draw`, {}, key),
  decideObjection: (reviewId: string, expert: string, body: { upheld: boolean; comment: string }) =>
    post<InvestmentReview>(`${A}/investment-reviews/${id(reviewId)}/objections/${id(expert)}/decision`, body),
  recordAbsence: (reviewId: string, expert: string) =>
    post<InvestmentReview>(`${A}/investment-reviews/${id(reviewId)}/absences`, { expert }),
  /** Auditors: every draw of a review re-run from its record; the year's figures. */
  experts: () => get<{ items: Expert[] }>(`${A}/experts`),
  checkDraw: (reviewId: string) => get<DrawVerification>(`${A}/investment-reviews/${id(reviewId)}/draw`),
  reviewFigures: (year: number) =>
    get<InvestmentReviewFigures>(`${A}/investment-reviews/figures${query({ year })}`),

  delegations: () => get<Page<Delegation>>(`${A}/delegations${query({ limit: 200 })}`),
  requestDelegation: (body: DelegationRequest) => post<Delegation>(`${A}/delegations`, body),
  delegationAction: (
    delegationId: string,
    action: 'accept' | 'refuse' | 'revoke' | 'complete',
    comment?: string,
    key?: string,
  ) => post<Delegation>(`${A}/delegations/${id(delegationId)}/${action}`, comment ? { comment } : {}, key),

  approvalTimes: (
    groupBy: 'month' | 'department' | 'workflow' | 'step',
    range: { from?: string; to?: string },
  ) => get<Page<ApprovalTimesRow>>(`${A}/metrics/approval-times${query({ groupBy, ...range })}`),
  approvalTimesCsv: (groupBy: string, range: { from?: string; to?: string }) =>
    // The export in the console's language: Chinese headers and names, or English (`lang=en`).
    request<string>(
      'GET',
      `${A}/metrics/approval-times${query({ groupBy, ...range, lang: lang.get() === 'en' ? 'en' : undefined })}`,
      {
        accept: 'text/csv',
        text: true,
      },
    ),
  backlog: () => get<Page<BacklogRow>>(`${A}/metrics/backlog`),

  notifications: (page: { cursor?: string | null; limit?: number; unread?: boolean } = {}) =>
    get<NotificationPage>(`${A}/notifications${query({ limit: 20, ...page })}`),
  readNotification: (messageId: string) => post<Notification>(`${A}/notifications/${id(messageId)}/read`),
  weekly: (at?: string) => get<WeeklyReport>(`${A}/reports/weekly${query({ at })}`),
  biweekly: (at?: string) => get<BiweeklyReport>(`${A}/reports/biweekly${query({ at })}`),
  monthly: (at?: string) => get<MonthlyReport>(`${A}/reports/monthly${query({ at })}`),

  // pledge (告知承诺制) and the credit register
  /** Public: what the workflow's version in force offers on pledge; 404 when none. */
  pledgeOffer: (workflow: string) => get<PledgeOffer>(`${A}/pledge-offers/${id(workflow)}`),
  pledgeVerifications: () => get<Page<PledgeVerification>>(`${A}/pledge-verifications`),
  pledgeVerification: (verificationId: string) =>
    get<PledgeVerification>(`${A}/pledge-verifications/${id(verificationId)}`),
  sendPledgeVerification: (verificationId: string, event: EventBody) =>
    post<PledgeVerification>(`${A}/pledge-verifications/${id(verificationId)}/events`, event),
  creditRecords: () => get<Page<CreditRecord>>(`${A}/credit-records`),
  writeCreditRecord: (body: CreditRecordCreate) => post<CreditRecord>(`${A}/credit-records`, body),
  creditRepairs: () => get<Page<CreditRepair>>(`${A}/credit-repairs`),
  requestCreditRepair: (record: string, reason: string) =>
    post<CreditRepair>(`${A}/credit-repairs`, { record, reason }),
  decideCreditRepair: (repairId: string, type: 'GRANT' | 'REFUSE', comment: string) =>
    post<CreditRepair>(`${A}/credit-repairs/${id(repairId)}/events`, { type, comment }),
  battleMap: (member?: string, stage?: string) =>
    get<{ items: BattleMapRow[] }>(`${A}/battle-map${query({ member, stage })}`),
};
