/**
 * Generated from GET /openapi.json by `npm run console:types`; do not edit by hand.
 * One type per components.schemas entry of the OpenAPI document, named after its key.
 */

/**
 * The case page: the summary, the form, every department's tasks, fees, inspections, what this caller may do now, and the timing figures.
 */
export type Application = ApplicationSummary & Application1;
/**
 * The year's public holidays as the State Council's notice lists them.
 */
export type Holidays = {
  name: string;
  /**
   * Days off (including weekend days inside the holiday).
   */
  daysOff: string[];
  /**
   * Weekend days worked instead (调休上班).
   */
  makeUpWorkdays: string[];
}[];
/**
 * An agreement with its own record and every act its holder did in the enterprise's name (at most 500).
 */
export type DelegationDetail = Delegation & DelegationDetail1;
/**
 * Every open fact that changes anything below.
 */
export type DependsOn = string[];
/**
 * Form fields not given yet that change this entry, in the form schema's order.
 */
export type DependsOn1 = string[];
/**
 * Department codes that read the paper.
 *
 * @minItems 1
 */
export type Departments = [string, ...string[]];
/**
 * Media types accepted, as sniffed from the file's content.
 *
 * @minItems 1
 */
export type MediaTypes = [string, ...string[]];
/**
 * Electronic licence types that may be cited instead of a file.
 */
export type LicenceTypes = string[];
/**
 * One line of the NDJSON answer of POST /admin/import, for the input line of the same number (from 1).
 */
export type ImportResult =
  | {
      line: number;
      ok: true;
      /**
       * The imported application.
       */
      id: string;
    }
  | {
      line: number;
      ok: false;
      error: {
        type: string;
        /**
         * The refusal's code (docs/api.md, "Error codes"), e.g. import-event-not-allowed.
         */
        code?: string;
        /**
         * The code's params: `pointer`, where in the line.
         */
        params?: {
          pointer?: string;
        };
        /**
         * In Chinese (Accept-Language zh) the code's sentence; in English the line's own detailed reason.
         */
        detail: string;
        /**
         * What was refused, from the line's root, e.g. /events/3.
         */
        pointer?: string;
        errors?: FieldError[];
      };
    };
/**
 * A proposal under pre-review: the summary, the dossier (`form`), the departments' positions, the panel and the meeting. `decisions` holds each ended meeting's opened ballots and outcome (the data of the vote or absence that ended it); while a meeting is open it shows only how many have voted (`meeting.sealed`).
 */
export type InvestmentReview = InvestmentReviewSummary & InvestmentReview1;
/**
 * The reviews a panel decided in a year (by the month of the decision): passed (with or without conditions), rejected, pass rate, mean working days from the batch cut-off to the decision, each month, and the reasons for rejection by industry.
 */
export type InvestmentReviewFigures = Period & InvestmentReviewFigures1;
/**
 * A workflow definition: its state nodes with their tasks, time limits and clock stops, its events, who may send them, and the form's JSON Schema.
 */
export type Workflow = WorkflowSummary & Workflow1;

export interface ZeroTripApiSchemas {
  actor: Actor;
  application: Application;
  'application-create': ApplicationCreate;
  'application-minimal': ApplicationMinimal;
  'application-patch': ApplicationPatch;
  'application-summary': ApplicationSummary;
  'approval-times-row': ApprovalTimesRow;
  'backlog-row': BacklogRow;
  'baseline-decision': BaselineDecision;
  'battle-map-row': BattleMapRow;
  'biweekly-report': BiweeklyReport;
  calendar: Calendar;
  'calendar-year': CalendarYear;
  'chain-verification': ChainVerification;
  checklist: Checklist;
  'completion-acceptance.form': CompletionAcceptanceForm;
  'construction-permit.form': ConstructionPermitForm;
  'credit-record': CreditRecord;
  'credit-record-create': CreditRecordCreate;
  'credit-repair': CreditRepair;
  'credit-repair-event': CreditRepairEvent;
  'credit-repair-request': CreditRepairRequest;
  delegation: Delegation;
  'delegation-action': DelegationAction;
  'delegation-detail': DelegationDetail;
  'delegation-request': DelegationRequest;
  'dev-sign-in': DevSignIn;
  'dev-token': DevToken;
  dispatch: Dispatch;
  'draw-verification': DrawVerification;
  enterprise: Enterprise;
  'enterprise-entry': EnterpriseEntry;
  event: Event;
  'event-content': EventContent;
  'exchange-line': ExchangeLine;
  'exchange-record': ExchangeRecord;
  expert: Expert;
  'expert-entry': ExpertEntry;
  fee: Fee;
  'fee-assess': FeeAssess;
  'fee-payment': FeePayment;
  'fee-waiver': FeeWaiver;
  'field-error': FieldError;
  guide: Guide;
  'guide-request': GuideRequest;
  'history-item': HistoryItem;
  'import-line': ImportLine;
  'import-result': ImportResult;
  inspection: Inspection;
  'inspection-result': InspectionResult;
  'inspection-schedule': InspectionSchedule;
  'investment-proposal.form': InvestmentProposalForm;
  'investment-review': InvestmentReview;
  'investment-review-event-content': InvestmentReviewEventContent;
  'investment-review-figures': InvestmentReviewFigures;
  'investment-review-summary': InvestmentReviewSummary;
  'key-project-figures': KeyProjectFigures;
  'land-planning.form': LandPlanningForm;
  liaison: Liaison;
  'liaison-assignment': LiaisonAssignment;
  licence: Licence;
  'licence-event': LicenceEvent;
  'licence-event-content': LicenceEventContent;
  'licence-facts': LicenceFacts;
  'licence-keys': LicenceKeys;
  'light-change': LightChange;
  'lit-project': LitProject;
  material: Material;
  'material-catalog': MaterialCatalog;
  'material-submission': MaterialSubmission;
  'milestone-actual': MilestoneActual;
  'monthly-report': MonthlyReport;
  notification: Notification;
  'outbox-message': OutboxMessage;
  person: Person;
  'plan-baseline': PlanBaseline;
  'pledge-offer': PledgeOffer;
  'pledge-verification': PledgeVerification;
  'pledge-verification-content': PledgeVerificationContent;
  'pledge-verification-event': PledgeVerificationEvent;
  'pledge-verification-facts': PledgeVerificationFacts;
  problem: Problem;
  project: Project;
  'project-detail': ProjectDetail;
  'project-issue': ProjectIssue;
  'project-issue-change': ProjectIssueChange;
  'project-issue-new': ProjectIssueNew;
  'project-plan': ProjectPlan;
  'project-summary': ProjectSummary;
  'projects-biweekly-report': ProjectsBiweeklyReport;
  'projects-monthly-report': ProjectsMonthlyReport;
  'projects-weekly-report': ProjectsWeeklyReport;
  'published-checklist': PublishedChecklist;
  'published-material-catalog': PublishedMaterialCatalog;
  rating: Rating;
  'rating-create': RatingCreate;
  'rating-figures': RatingFigures1;
  'rating-follow-up': RatingFollowUp;
  'rating-follow-up-event': RatingFollowUpEvent;
  'rating-follow-up-facts': RatingFollowUpFacts;
  'rating-list': RatingList;
  'review-absence': ReviewAbsence;
  'review-ballot': ReviewBallot;
  'review-declaration': ReviewDeclaration;
  'review-draw': ReviewDraw;
  'review-objection-decision': ReviewObjectionDecision;
  'sign-in-session': SignInSession;
  task: Task;
  'task-assign': TaskAssign;
  'task-force': TaskForce;
  timer: Timer;
  timing: Timing;
  unit: Unit3;
  'weekly-report': WeeklyReport;
  workflow: Workflow;
  'workflow-summary': WorkflowSummary;
}
/**
 * Who did something, as the audit log keeps it: the token's claims (`system` for the service's own timers), with the person's name when the token gave one.
 */
export interface Actor {
  /**
   * The user id.
   */
  sub: string;
  role: 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert' | 'system';
  /**
   * Applicant: the enterprise's USCC; clerk: the department code; agent: the service team's code.
   */
  org: string | null;
  /**
   * The person's name (the token's `name` claim), kept on records written since names were kept; absent otherwise.
   */
  name?: string;
}
/**
 * A case as lists show it: enough to choose one, without its form, tasks or history.
 */
export interface ApplicationSummary {
  id: string;
  workflow: string;
  workflowVersion: number;
  /**
   * The enterprise's name from the directory (null while the directory does not know it).
   */
  applicantName?: string | null;
  /**
   * The enterprise's unified social credit code.
   */
  applicant: string;
  /**
   * The project as filed (see the project schema; a draft's may be incomplete).
   */
  project: {};
  /**
   * The statechart state value: a state name, or an object of parallel regions.
   */
  state: string | {};
  /**
   * draft, submitted, supplementing, in_review, suspended, approved, denied, refused, withdrawn or concluded (a workflow may add its own, documented in GET /workflows/{id}).
   */
  status: string;
  /**
   * Increases with every change (optimistic concurrency).
   */
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  /**
   * Set on entering a final status.
   */
  concludedAt: string | null;
  /**
   * The case's statutory deadline while its clock runs.
   */
  dueAt: string | null;
  /**
   * dueAt was counted on weekends alone in a year whose calendar is not published yet (see dueMissingCalendarYears): it moves when the calendar is published.
   */
  dueProvisional?: boolean;
  /**
   * The unpublished years dueAt was counted through; present when dueProvisional.
   */
  dueMissingCalendarYears?: number[];
}
export interface Application1 {
  /**
   * The workflow's form (its JSON Schema is in GET /workflows/{id}).
   */
  form: {};
  acceptanceDeemed: boolean;
  tasks: Task[];
  fees: Fee[];
  inspections: Inspection[];
  /**
   * An investment pre-review's progress (workflow investment-review, once filed): the batch and its cut-off, the decision due date, the entry-threshold flags, the departments' positions, the panel as seated (the investor may object to a member before the meeting), the meetings held and the decision with its conditions. Nothing sealed: no ballot. Absent on other cases.
   */
  investmentReview?: {
    batch: string | null;
    cutOffAt: string | null;
    decisionDueAt: string | null;
    flags: string[];
    preReviewDepartments: string[];
    positions: {
      [k: string]:
        | {
            position: 'agree' | 'agree-with-conditions' | 'disagree';
            conditions: string | null;
          }
        | undefined;
    };
    panel: {
      expert: string;
      name: string | null;
      declared: boolean;
      objection: boolean;
    }[];
    meetings: number;
    outcome: 'passed' | 'passed-with-conditions' | 'rejected' | 'deferred' | 'no-quorum' | null;
    conditions: string[];
  };
  /**
   * The conditions of the project's passed investment pre-reviews (same project code), to confirm on this case; absent when there are none.
   */
  reviewConditions?: {
    review: string;
    decidedAt: string;
    conditions: string[];
  }[];
  /**
   * The licences the case's issue produced (a corrected one next to the one it supersedes), with their live status; GET /licences/{number} has the rest.
   */
  licences: {
    number: string;
    type: 'construction-permit' | 'completion-certificate';
    status: 'valid' | 'in_force' | 'lapsed' | 'revoked' | 'superseded';
  }[];
  /**
   * The checklist inspections the project needs (fixed at acceptance), with where each stands.
   */
  requiredInspections: {
    department: string;
    code: string;
    status: 'pending' | 'scheduled' | 'passed' | 'failed';
  }[];
  /**
   * The catalog items the form requires (and any a request named or a material was handed in for), from the catalog version fixed at SUBMIT (the one in force before), with where each stands and its materials.
   */
  requiredMaterials: {
    code: string;
    name: string;
    departments: string[];
    required: boolean;
    pledgeable: boolean;
    status: 'missing' | 'provided' | 'pledged' | 'requested';
    materials: Material[];
  }[];
  /**
   * An imported case whose papers were handled on paper, before the service (no materials shown).
   */
  materialsOnPaper?: boolean;
  /**
   * What the enterprise must do next.
   */
  nextAction: {
    action: 'nothing' | 'submit' | 'supplement' | 'rectify' | 'pay';
    /**
     * The same in English, for a person; clients word `action` and `waitingFor` themselves.
     */
    detail: string;
    /**
     * With action `nothing` on a case still under way: whom the enterprise waits for — the single window (intake, or issuing once every department is done) or the departments.
     */
    waitingFor?: 'window' | 'departments';
  };
  /**
   * The event types this caller may send now.
   */
  allowedEvents: string[];
  /**
   * The enterprise's one-to-one liaison clerk (sub), if named.
   */
  liaison: string | null;
  /**
   * The liaison clerk's name, as they last signed in (null when unknown).
   */
  liaisonName?: string | null;
  timing: Timing;
  /**
   * Accepted but doubtful values, e.g. a USCC whose check character does not compute.
   */
  warnings?: FieldError[];
  /**
   * dueAt was counted on weekends alone in a year whose calendar is not published yet (see dueMissingCalendarYears): it moves when the calendar is published.
   */
  dueProvisional: boolean;
  /**
   * The unpublished years dueAt was counted through; present when dueProvisional.
   */
  dueMissingCalendarYears?: number[];
}
/**
 * A department's piece of work on a case, as the inbox and the case page show it.
 */
export interface Task {
  id: number;
  applicationId: string;
  department: string;
  /**
   * What the department does, e.g. review or intake.
   */
  step: string;
  /**
   * The statechart node that holds the task.
   */
  node: string;
  openedAt: string;
  /**
   * The task's limit added to openedAt in working days, pushed back by stopped time.
   */
  dueAt: string;
  closedAt: string | null;
  /**
   * The event type that closed the task.
   */
  closedBy?: string | null;
  status: 'open' | 'closed';
  /**
   * The task's clock stands still now.
   */
  clockStopped?: boolean;
  /**
   * A special procedure (an expert review) holds the task's clock now (the console shows 专家评审中).
   */
  clockSpecial?: boolean;
  /**
   * Open, clock running, and past dueAt.
   */
  overdue: boolean;
  /**
   * overdue (red in the console): clock running, past due; soon (amber): clock running, due by the end of the second working day from today; stopped: its clock stands still.
   */
  urgency: 'overdue' | 'soon' | 'normal' | 'stopped' | 'closed';
  /**
   * The clerk working on the task (null while nobody has claimed it), by name when known.
   */
  claimedBy: {
    sub: string;
    name: string | null;
    at: string | null;
  } | null;
  /**
   * Inbox rows: the case's workflow.
   */
  workflow?: string;
  /**
   * Inbox rows: the enterprise's USCC.
   */
  applicant?: string;
  /**
   * Inbox rows: the enterprise's name from the directory.
   */
  applicantName?: string | null;
  /**
   * Inbox rows: the project's name.
   */
  projectName?: string | null;
  /**
   * Inbox rows: the project's code.
   */
  projectCode?: string | null;
  /**
   * The task's own figures, net of stopped intervals inside it.
   */
  timing?: {
    workingDays: number;
    stoppedWorkingDays: number;
    /**
     * Of stoppedWorkingDays, those a special procedure (an expert review) held the task's clock.
     */
    specialProcedureWorkingDays: number;
    netWorkingDays: number;
    limitWorkingDays: number;
    onTime: boolean;
    overdue: boolean;
    provisional?: true;
  };
  /**
   * dueAt was counted on weekends alone in a year whose calendar is not published yet: it moves when the calendar is published.
   */
  dueProvisional: boolean;
  /**
   * The unpublished years dueAt was counted through; present when dueProvisional.
   */
  dueMissingCalendarYears?: number[];
}
/**
 * A fee assessed on a case from the checklist; amounts are yuan with at most two decimals.
 */
export interface Fee {
  id: number;
  code: string;
  name: string;
  /**
   * The checklist version the fee was assessed under.
   */
  checklistVersion: number;
  unit: 'case' | 'm2-floor-area' | 'certificate';
  /**
   * Yuan per unit.
   */
  rate: number;
  quantity: number;
  /**
   * Yuan, rate × quantity rounded to the fen.
   */
  amount: number;
  status: 'assessed' | 'paid' | 'waived';
  assessedBy?: string;
  assessedAt?: string;
  paymentRef?: string | null;
  paidAt?: string | null;
  waiveReason?: string | null;
  waivedAt?: string | null;
}
/**
 * A checklist inspection of a case, with its date and result.
 */
export interface Inspection {
  id: number;
  code: string;
  name: string;
  department: string;
  checklistVersion: number;
  scheduledAt: string;
  scheduledBy?: string;
  status: 'scheduled' | 'passed' | 'failed';
  result: 'pass' | 'fail' | null;
  /**
   * What must be rectified, for a failed inspection.
   */
  findings: string | null;
  recordedAt?: string | null;
}
/**
 * A material handed in on a case: a file (its sanitised name, the type sniffed from its content, its size and SHA-256), or a cited electronic licence (no file).
 */
export interface Material {
  id: string;
  code: string;
  fileName: string | null;
  mediaType: string | null;
  bytes: number | null;
  sha256: string | null;
  uploadedAt: string;
  /**
   * The `sub` of who handed it in.
   */
  uploadedBy: string;
  /**
   * The enterprise an agent handed it in for.
   */
  onBehalfOf?: string;
  /**
   * The number of the cited electronic licence.
   */
  licence?: string;
  /**
   * The case and material it was first handed in as.
   */
  reusedFrom?: {
    applicationId: string;
    materialId: string;
  };
}
/**
 * How long the case has taken, in working days of the Asia/Shanghai official calendar (docs/api.md, "How time is counted"). Figures are null before submission or acceptance.
 */
export interface Timing {
  /**
   * From the submission to the conclusion (or today).
   */
  calendarDays: number | null;
  /**
   * From acceptance to the conclusion (or now).
   */
  workingDays: number | null;
  /**
   * Working days during which the clock stood still (waiting for the applicant, rectification, special procedures).
   */
  stoppedWorkingDays: number | null;
  /**
   * Of stoppedWorkingDays, those a special procedure held the clock (an expert review: Administrative Licensing Law art. 45).
   */
  specialProcedureWorkingDays: number | null;
  /**
   * stoppedWorkingDays − specialProcedureWorkingDays: the applicant's time (supplementing, rectifying, suspension).
   */
  applicantWorkingDays: number | null;
  /**
   * workingDays − stoppedWorkingDays.
   */
  netWorkingDays: number | null;
  /**
   * The statutory limit, extensions included.
   */
  limitWorkingDays: number | null;
  /**
   * netWorkingDays ≤ limitWorkingDays.
   */
  onTime: boolean | null;
  /**
   * The acceptance the figures count from (the submission when acceptance is deemed).
   */
  acceptedAt: string | null;
  /**
   * The window let more than 5 working days pass: acceptance is deemed to be the submission (art. 32).
   */
  acceptanceDeemed: boolean;
  /**
   * Present when a year the figures need has no published calendar: counted on weekends alone.
   */
  provisional?: true;
  missingCalendarYears?: number[];
}
/**
 * One finding about a request: where (a JSON pointer from the body root), the code of the rule broken there with its figures, and the sentence. Also the shape of `warnings[]`.
 */
export interface FieldError {
  pointer: string;
  /**
   * The rule broken: a stable code of the registry in docs/api.md (Error codes).
   */
  code: string;
  /**
   * The rule's figures, e.g. {"max": 200}.
   */
  params?: {
    [k: string]: unknown | undefined;
  };
  /**
   * The sentence, in the language the request's Accept-Language prefers (Chinese or English).
   */
  detail: string;
}
/**
 * Body of POST /applications. Only the envelope is checked here: a draft may be incomplete, so the project and form contents are checked in full when the application is submitted.
 */
export interface ApplicationCreate {
  /**
   * Identifier of the workflow to run, e.g. construction-permit.
   */
  workflow: string;
  /**
   * Unified social credit code of the applicant (建设单位, the developer). A code whose check character does not compute is accepted with a warning.
   */
  applicant?: string;
  /**
   * The project (see the Project schema); contents are checked on submission.
   */
  project: {};
  /**
   * The workflow's application form, possibly partial; contents are checked on submission. Absent means an empty form.
   */
  form?: {};
}
/**
 * The answer to an event sent with `Prefer: return=minimal` (RFC 7240).
 */
export interface ApplicationMinimal {
  id: string;
  status: string;
  version: number;
}
/**
 * Body of PATCH /applications/{id}, a JSON merge patch (RFC 7396) of a draft: members set to null are removed, others replace or merge. Contents are checked in full when the application is submitted.
 */
export interface ApplicationPatch {
  /**
   * Merge patch for the project.
   */
  project?: {};
  /**
   * Merge patch for the application form.
   */
  form?: {};
}
/**
 * One group of GET /metrics/approval-times: durations are net working days (stopped clock excluded); median and p90 interpolate linearly between the closest ranks.
 */
export interface ApprovalTimesRow {
  /**
   * The month (YYYY-MM), workflow id, department code or step.
   */
  group: string;
  /**
   * Cases decided, or tasks closed, in the period.
   */
  concluded: number;
  meanWorkingDays: number | null;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  maxWorkingDays: number | null;
  onTimeRate: number | null;
  /**
   * Mean working days a special procedure (an expert review, Administrative Licensing Law art. 45) held the clock; outside the net figures.
   */
  meanSpecialProcedureWorkingDays: number | null;
  /**
   * Cases or tasks of the group that had a special procedure.
   */
  withSpecialProcedure: number;
  /**
   * The statutory limit when the rows concern one workflow, otherwise null.
   */
  limitWorkingDays: number | null;
  /**
   * Open items of the group past their limit now; null on month rows.
   */
  overdueOpen: number | null;
  /**
   * On step rows: whose step it is.
   */
  department?: string;
}
/**
 * One department's open work (every known department, zero included).
 */
export interface BacklogRow {
  department: string;
  name: string;
  open: number;
  overdue: number;
  /**
   * The task open longest, if any.
   */
  oldest: null | {
    taskId: number;
    applicationId: string;
    step: string;
    openedAt: string;
    dueAt: string;
  };
}
/**
 * Body of POST /api/v1/projects/{code}/plan/baselines/{version}/decision: the responsible leader approves or rejects a proposed baseline.
 */
export interface BaselineDecision {
  approve: boolean;
  comment?: string;
}
/**
 * One key project on the battle map (挂图作战): its milestones planned against actual, its light today, its stage and its task force.
 */
export interface BattleMapRow {
  projectCode: string;
  /**
   * The project's name as its cases give it (the code until a case names it).
   */
  name: string;
  /**
   * Today's light; null without a baseline in force.
   */
  light: 'green' | 'yellow' | 'red' | null;
  /**
   * Percent of the planned milestones due by today.
   */
  plannedProgress: number | null;
  /**
   * Percent of the planned milestones reached.
   */
  actualProgress: number | null;
  /**
   * The first of the four stages without a result; null after all four.
   */
  stage: number | null;
  milestones: {
    milestone: string;
    /**
     * The milestone's Chinese name.
     */
    name: string;
    /**
     * YYYY-MM-DD (Asia/Shanghai).
     */
    plannedOn: string | null;
    /**
     * YYYY-MM-DD (Asia/Shanghai).
     */
    actualOn: string | null;
    /**
     * `case`: an approval gave the date; `entry`: the task force entered it.
     */
    source: 'case' | 'entry' | null;
    applicationId: string | null;
  }[];
  members: {
    role: 'responsible-leader' | 'lead-unit' | 'resident-officer' | 'enterprise-contact' | 'site-lead';
    name: string;
    sub: string | null;
    org: string | null;
    phone: string | null;
  }[];
}
/**
 * 半月一督查: open tasks whose clock runs and that are past due or due within `atRiskWorkingDays` working days of `at`, by department.
 */
export interface BiweeklyReport {
  keyProjects: KeyProjectFigures;
  report: 'biweekly';
  at: string;
  atRiskWorkingDays: number;
  /**
   * The last due day that counts as at risk.
   */
  atRiskThrough: string;
  summary: {
    overdue: number;
    atRisk: number;
  };
  departments: {
    department: string;
    name: string;
    overdue: number;
    atRisk: number;
    items: {
      taskId: number;
      applicationId: string;
      workflow: string;
      project?: {
        code?: string | null;
        name?: string | null;
      };
      step: string;
      node?: string;
      openedAt?: string;
      dueAt: string;
      overdue: boolean;
      /**
       * Negative once past due.
       */
      workingDaysLeft: number;
      workingDaysLate: number;
      provisional?: true;
    }[];
  }[];
}
/**
 * The key projects' figures of a rhythm report's period (docs/api.md, "Reports"): lights as on `at`, light changes stored in the period, and the issue list. The general weekly, biweekly and monthly reports carry them as `keyProjects`, the key projects' own reports as `figures`: the same computation.
 */
export interface KeyProjectFigures {
  /**
   * The period's first day: 6 days before `at` (weekly), 13 days before (biweekly), the month's first day (monthly).
   */
  from: string;
  /**
   * The period's last day, inclusive: `at`, or the month's last day.
   */
  to: string;
  /**
   * Key projects with a plan in force, each lit as on `at`.
   */
  projects: number;
  lights: {
    green: number;
    yellow: number;
    red: number;
  };
  /**
   * Light changes stored in the period (the sweep stores a light only when it changes).
   */
  lightChanges: number;
  /**
   * Of those, recoveries: back to green, or from red to yellow.
   */
  recoveries: number;
  issues: {
    /**
     * Raised by the end of `at` and not resolved by then.
     */
    open: number;
    /**
     * Unresolved and past their deadline on `at`.
     */
    overdue: number;
    /**
     * Unresolved and escalated to the responsible leader by a dispatch.
     */
    escalated: number;
    /**
     * Raised in the period.
     */
    raised: number;
    /**
     * Resolved (closed) in the period.
     */
    resolved: number;
    /**
     * Of those raised in the period, how many are resolved.
     */
    resolvedOfRaised: number;
    /**
     * resolvedOfRaised ÷ raised; null when none was raised.
     */
    closureRate: number | null;
  };
}
/**
 * A published year of the official working calendar.
 */
export interface Calendar {
  year: number;
  source?: string | null;
  publishedAt?: string | null;
  /**
   * Working days in the year.
   */
  workingDays: number;
  holidays: Holidays;
}
/**
 * Body of PUT /api/v1/calendar/{year}: one year of the official working calendar, in the shape of the reference data (db/seeds/cn-working-calendar.json). Besides this shape, every date must lie inside the year, no date may be both off and worked, and make-up workdays are weekend days (422 otherwise).
 */
export interface CalendarYear {
  holidays: Holidays;
  /**
   * Where the calendar was published, e.g. the notice's number; `published by <sub>` when absent.
   */
  source?: string;
}
/**
 * The result of recomputing a case's audit hash chain, and of re-hashing the stored files of its materials.
 */
export interface ChainVerification {
  ok: boolean;
  /**
   * Records checked.
   */
  checked: number;
  /**
   * The first record whose hash does not compute.
   */
  firstBadSeq?: number;
  /**
   * The case's files re-hashed: how many, and those whose stored bytes no longer give their SHA-256 (`found` null: the file is gone).
   */
  materials: {
    checked: number;
    mismatched: {
      id: string;
      code: string;
      sha256: string;
      found: string | null;
    }[];
  };
}
/**
 * The published list (检查收费清单) of every fee that may be charged and every inspection that may be carried out. PUT /api/v1/checklist publishes a new version with this body; GET returns it with its version.
 */
export interface Checklist {
  /**
   * Where this version was published.
   */
  source?: string;
  /**
   * Fee items. A fee's amount is its rate times a quantity taken from the unit: 1 per case, the form's floor area, or the number of extra certificates.
   *
   * @minItems 1
   */
  fees: [Fee1, ...Fee1[]];
  /**
   * Inspection items, each carried out by one department.
   *
   * @minItems 1
   */
  inspections: [Inspection1, ...Inspection1[]];
}
export interface Fee1 {
  /**
   * Stable lowercase code.
   */
  code: string;
  name: string;
  /**
   * The legal basis that allows the fee.
   */
  basis: string;
  /**
   * case: once per application; m2-floor-area: per m² of the form's floorAreaM2; certificate: per extra certificate (quantity given at assessment).
   */
  unit: 'case' | 'm2-floor-area' | 'certificate';
  /**
   * Yuan with at most two decimals.
   */
  rate: number;
  /**
   * Other rates for applications whose facts meet a condition; the first that matches wins.
   */
  rateWhen?: {
    when: Condition;
    /**
     * Yuan with at most two decimals.
     */
    rate: number;
  }[];
  /**
   * The collecting department, which alone assesses and waives it; absent means the window.
   */
  department?: string;
}
/**
 * A condition on one fact of the application's form.
 */
export interface Condition {
  field: string;
  op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
  value: unknown;
}
export interface Inspection1 {
  /**
   * Stable lowercase code.
   */
  code: string;
  name: string;
  department: string;
  /**
   * The legal basis that allows the inspection.
   */
  basis: string;
  /**
   * Workflows (ids) whose steps this inspection belongs to.
   *
   * @minItems 1
   */
  steps: [string, ...string[]];
  requiredWhen?: Condition1;
}
/**
 * A condition on one fact of the application's form.
 */
export interface Condition1 {
  field: string;
  op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
  value: unknown;
}
/**
 * The facts the applicant declares when filing for completion acceptance (竣工验收). Optional fields say what their absence means. Unknown fields are refused so that misspelt ones are caught.
 */
export interface CompletionAcceptanceForm {
  /**
   * Number of the construction permit (施工许可证编号) the works were built under.
   */
  constructionPermitNo: string;
  /**
   * Date the works were completed (竣工日期), YYYY-MM-DD.
   */
  completedOn: string;
  /**
   * Main use of the building as built; the approval rules branch on it.
   */
  useCategory: 'residential' | 'commercial' | 'industrial' | 'public' | 'infrastructure' | 'mixed';
  /**
   * Total gross floor area as built (总建筑面积), in square metres, above and below ground.
   */
  floorAreaM2: number;
  /**
   * Of the total, the floor area below ground as built, in square metres. Absent means 0.
   */
  undergroundAreaM2?: number;
  /**
   * Whether the building is a special construction works (特殊建设工程), which needs a fire-protection acceptance. Absent means false.
   */
  specialFireWorks?: boolean;
  /**
   * Reference of the quality supervision report (工程质量监督报告).
   */
  qualityReportRef?: string;
  /**
   * Reference of the project archives package (工程档案) handed to the archives authority.
   */
  archivesPackageRef?: string;
  constructionUnit: Unit;
}
/**
 * Construction unit (施工单位) that built the works.
 */
export interface Unit {
  /**
   * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 digits and capital letters except I, O, S, V, Z. A code whose check character does not compute is accepted with a warning.
   */
  uscc: string;
  /**
   * Registered name of the organisation.
   */
  name: string;
}
/**
 * The facts the applicant declares when applying for the construction permit (建筑工程施工许可证). Optional fields say what their absence means. Unknown fields are refused so that misspelt ones are caught.
 */
export interface ConstructionPermitForm {
  /**
   * Number of the land parcel (宗地编号) the building stands on.
   */
  landParcel: string;
  /**
   * Use of the land as granted (土地用途).
   */
  landUse?: string;
  /**
   * Number of the real-estate title certificate (不动产权证书) for the land use right.
   */
  landCertificate?: string;
  /**
   * Site area (用地面积) in square metres.
   */
  siteAreaM2?: number;
  /**
   * Total gross floor area (总建筑面积) in square metres, above and below ground.
   */
  floorAreaM2: number;
  /**
   * Of the total, the floor area below ground (地下建筑面积), in square metres. Absent means 0.
   */
  undergroundAreaM2?: number;
  /**
   * Building height (建筑高度) in metres.
   */
  buildingHeightM?: number;
  /**
   * Number of storeys (层数).
   */
  storeys?: number;
  /**
   * Main use of the building; the approval rules branch on it.
   */
  useCategory: 'residential' | 'commercial' | 'industrial' | 'public' | 'infrastructure' | 'mixed';
  /**
   * Total investment (总投资) in units of 10,000 yuan (万元).
   */
  investment10kYuan?: number;
  /**
   * Construction contract price (合同价格) in yuan, to the fen (at most 2 decimal places).
   */
  contractPriceYuan?: number;
  /**
   * Environmental impact assessment category (环评类别): none (not listed), registration (登记表), report-table (报告表) or report-book (报告书). Absent means none.
   */
  environmentalCategory?: 'none' | 'registration' | 'report-table' | 'report-book';
  /**
   * Whether the building is a special construction works (特殊建设工程) whose fire-protection design must be reviewed. Absent means false.
   */
  specialFireWorks?: boolean;
  designUnit?: Unit1;
  constructionUnit: Unit2;
  /**
   * Commitments (告知承诺) the applicant makes instead of presenting the papers, by slug.
   */
  pledges?: string[];
  /**
   * Approval on pledge (告知承诺制审批), from version 2: the items the applicant asks to be decided at once on its pledge, and the pledge text it signs (GET /api/v1/pledge-offers/construction-permit names the items offered and the text in force with its SHA-256). Checked at submission against the credit register.
   */
  approvalOnPledge?: {
    /**
     * @minItems 1
     */
    items: [string, ...string[]];
    textId: string;
    /**
     * SHA-256 (hex) of the UTF-8 text signed.
     */
    textSha256: string;
  };
}
/**
 * Design unit (设计单位).
 */
export interface Unit1 {
  /**
   * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 digits and capital letters except I, O, S, V, Z. A code whose check character does not compute is accepted with a warning.
   */
  uscc: string;
  /**
   * Registered name of the organisation.
   */
  name: string;
}
/**
 * Construction unit (施工单位), the contractor that will build.
 */
export interface Unit2 {
  /**
   * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 digits and capital letters except I, O, S, V, Z. A code whose check character does not compute is accepted with a warning.
   */
  uscc: string;
  /**
   * Registered name of the organisation.
   */
  name: string;
}
/**
 * One record of the credit register; `excludes` says whether it excludes the enterprise from approval on pledge today.
 */
export interface CreditRecord {
  id: string;
  enterprise: string;
  kind: 'serious-bad-credit' | 'false-pledge';
  source: string;
  decidedOn: string;
  ineligibleUntil: string | null;
  originCase: string | null;
  recordedAt: string;
  repairedAt: string | null;
  repairCase: string | null;
  excludes: boolean;
}
/**
 * Body of POST /credit-records (administrators), and the form of a credit record's own case: the enterprise, the kind of record, its source and date, and the last day it excludes the enterprise from approval on pledge (null: until repaired).
 */
export interface CreditRecordCreate {
  /**
   * The enterprise's unified social credit code.
   */
  enterprise: string;
  kind: 'serious-bad-credit' | 'false-pledge';
  /**
   * Where the record comes from (the decision, the list, the publication).
   */
  source: string;
  decidedOn: string;
  ineligibleUntil?: string | null;
  /**
   * Written by the service: the verification that found the pledge false.
   */
  originCase?: string;
}
/**
 * A request to repair a credit record, and where it stands: requested, granted or refused.
 */
export interface CreditRepair {
  id: string;
  enterprise: string;
  record: string;
  reason: string;
  status: 'requested' | 'granted' | 'refused';
  requestedAt: string;
}
/**
 * Body of POST /credit-repairs/{id}/events (administrators): GRANT ends the record's exclusion, REFUSE keeps it; both with reasons.
 */
export interface CreditRepairEvent {
  type: 'GRANT' | 'REFUSE';
  comment: string;
}
/**
 * Body of POST /credit-repairs (the enterprise), and the form of the repair's own case: the record to repair and the reasons.
 */
export interface CreditRepairRequest {
  /**
   * Id of the credit record.
   */
  record: string;
  reason: string;
}
/**
 * A proxy-handling agreement (全程代办) between an enterprise and the service team's agent.
 */
export interface Delegation {
  id: string;
  /**
   * The enterprise's USCC.
   */
  enterprise: string;
  /**
   * The enterprise's name from the directory (null while unknown).
   */
  enterpriseName?: string | null;
  /**
   * The named agent's name, when known.
   */
  agentName?: string | null;
  /**
   * The holder's name, when known.
   */
  holderName?: string | null;
  /**
   * The agent the enterprise named (sub), if any.
   */
  agent: string | null;
  /**
   * The agent who accepted and holds the agreement.
   */
  holder: string | null;
  /**
   * Stage numbers (1–5) or workflow ids; null covers every stage.
   */
  stages: (number | string)[] | null;
  /**
   * Application ids covered; null when not limited to listed cases.
   */
  applications: string[] | null;
  expiresAt: string;
  note: string | null;
  /**
   * requested, active, refused, revoked, concluded or expired.
   */
  status: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  concludedAt: string | null;
}
/**
 * Optional body of POST /api/v1/delegations/{id}/accept|refuse|revoke|complete: the reasons, kept on the agreement's record. A refusal must give them (422 otherwise); no body at all is an empty one.
 */
export interface DelegationAction {
  comment?: string;
}
export interface DelegationDetail1 {
  history: HistoryItem[];
  acts: (HistoryItem & {
    applicationId: string;
  })[];
}
/**
 * One record of a case's hash-chained audit log. seq 1 is CREATE; refused attempts the contract records (off-checklist fees and inspections) appear with what was attempted in data.
 */
export interface HistoryItem {
  seq: number;
  at: string;
  type: string;
  actor: Actor;
  /**
   * The enterprise (USCC) an agent acted for.
   */
  onBehalfOf: string | null;
  /**
   * The statechart state value before.
   */
  from: {
    [k: string]: unknown | undefined;
  };
  /**
   * The statechart state value after.
   */
  to: {
    [k: string]: unknown | undefined;
  };
  comment: string | null;
  /**
   * The event's structured details, if any. UPDATE_DRAFT: the merge patch (`project`, `form`) and `before`, the values it replaced (null where there was none; older records lack `before`).
   */
  data: {
    [k: string]: unknown | undefined;
  };
  /**
   * SHA-256 over the record and the previous record's hash.
   */
  hash: string;
  /**
   * The case's status after the record.
   */
  statusAfter?: string | null;
  /**
   * Whether the case's clock stood still after the record.
   */
  clockStopped?: boolean;
  /**
   * Whether a special procedure (an expert review) held the clock after the record: counted apart from the applicant's time.
   */
  clockSpecial?: boolean;
}
/**
 * POST /api/v1/delegations: the enterprise asks the service team to carry its approvals. Without stages and applications it covers all the enterprise's cases.
 */
export interface DelegationRequest {
  /**
   * The agent's user id (sub), to name one; without it any agent of the service team may accept.
   */
  agent?: string;
  /**
   * Stage numbers (1 land/planning, 2 engineering permit, 3 construction permit, 4 completion acceptance, 5 in parallel) or workflow ids.
   *
   * @minItems 1
   */
  stages?: [number | string, ...(number | string)[]];
  /**
   * Application ids the agreement covers.
   *
   * @minItems 1
   */
  applications?: [string, ...string[]];
  /**
   * When the agreement ends by itself (ISO 8601 with offset).
   */
  expiresAt: string;
  note?: string;
}
/**
 * Body of POST /api/v1/dev/token (development only): the role and organisation to sign in as. `sub` defaults to `<role>-<org or role>`; an applicant's org must be a well-formed USCC (422 otherwise).
 */
export interface DevSignIn {
  role: 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert';
  /**
   * Applicant: the enterprise's USCC; clerk: the department code; agent: the service team's code.
   */
  org?: string;
  /**
   * The user id.
   */
  sub?: string;
  /**
   * Display name.
   */
  name?: string;
  /**
   * Clerks only: a department lead, who assigns the department's tasks.
   */
  lead?: boolean;
  /**
   * Applicants only: the enterprise's name.
   */
  org_name?: string;
}
/**
 * A signed development token (HS256, eight hours) and the claims it carries.
 */
export interface DevToken {
  /**
   * Send as `Authorization: Bearer <token>`.
   */
  token: string;
  claims: {
    sub: string;
    role: 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert';
    org: string | null;
    name?: string;
    lead?: boolean;
    org_name?: string;
  };
}
/**
 * Body of POST /api/v1/dispatches: the day of the weekly dispatch being recorded (today when absent).
 */
export interface Dispatch {
  /**
   * A date, YYYY-MM-DD (Asia/Shanghai).
   */
  heldOn?: string;
}
/**
 * Every draw of a review as its record holds it (seed, algorithm, roster snapshot, filters, eligible list, panel) with its replacements, each re-run by the published algorithm; `matches` is true when every re-run gives what was recorded.
 */
export interface DrawVerification {
  id: string;
  algorithm: string;
  matches: boolean;
  draws: {
    seq: number;
    at: string;
    draw: {
      seed: string;
      algorithm: string;
      size: number;
      filters: {};
      roster: {}[];
      eligible: string[];
      panel: string[];
    };
    replacements: {
      seq: number;
      expert: string;
      replacement: string;
      pick: number;
      because: 'recused' | 'objection-upheld';
    }[];
    recomputed: {
      eligible: string[];
      panel: string[];
      replacements: (string | null)[];
      matches: boolean;
    };
  }[];
}
/**
 * An enterprise's directory entry. `nameSource` says where the name came from: `form` (a unit of its own submitted form carrying its USCC), `token` (its sign-in's `org_name`), `enterprise` (kept by the enterprise itself or an administrator); null fields are unknown.
 */
export interface Enterprise {
  uscc: string;
  name: string | null;
  nameSource: 'form' | 'token' | 'enterprise' | null;
  legalRepresentative: string | null;
  contactPhone: string | null;
  updatedAt: string | null;
}
/**
 * PUT /api/v1/enterprises/:uscc: what the enterprise keeps of itself in the directory (the enterprise itself or an administrator). Its name then wins over names read from forms or tokens.
 */
export interface EnterpriseEntry {
  /**
   * The enterprise's registered name.
   */
  name: string;
  /**
   * Legal representative (法定代表人).
   */
  legalRepresentative?: string | null;
  /**
   * Contact phone (联系电话): digits, spaces, +, -, parentheses.
   */
  contactPhone?: string | null;
}
/**
 * Body of POST /applications/{id}/events: something an applicant or a reviewer does to an application. Which events a caller may send, and what each needs in comment and data, is checked afterwards.
 */
export interface Event {
  /**
   * Event type, e.g. SUBMIT, ACCEPT, REQUEST_SUPPLEMENT, APPROVE, DENY.
   */
  type: string;
  /**
   * Department the event is recorded for, where several departments review in parallel.
   */
  department?: string;
  /**
   * Free text shown to the other side: reasons, what is missing, remarks.
   */
  comment?: string;
  /**
   * Structured details some event types need (see the event content rules).
   */
  data?: {};
}
/**
 * What an event of a given type must carry, checked after the caller's role (a failure is 422). Each entry of $defs is keyed by event type and applies to the whole event body; types without an entry need nothing beyond the envelope.
 */
export interface EventContent {
  [k: string]: unknown | undefined;
}
/**
 * One line of the national exchange export: a record of one of the standard's tables (docs/exchange.md), with its cursor.
 */
export interface ExchangeLine {
  /**
   * The record's position: read on after the last line's cursor.
   */
  cursor: string;
  table: 'SPGL_XMJBXXB' | 'SPGL_XMSPSXBLXXB' | 'SPGL_XMSPSXBLXXXXB' | 'SPGL_XMSPSXPFWJXXB';
  /**
   * The standard's fields by their names (DFSJZJ, XZQHDM, GCDM, …).
   */
  record: {
    [k: string]: string | number | null | undefined;
  };
}
/**
 * A record of the national data exchange that the provincial platform refused, with the reason it gave (docs/exchange.md).
 */
export interface ExchangeRecord {
  /**
   * The record's position in the export.
   */
  cursor: string;
  table: 'SPGL_XMJBXXB' | 'SPGL_XMSPSXBLXXB' | 'SPGL_XMSPSXBLXXXXB' | 'SPGL_XMSPSXPFWJXXB';
  /**
   * The case the record reports.
   */
  application: string;
  /**
   * The standard's fields, as sent.
   */
  record: {
    [k: string]: unknown | undefined;
  };
  rejectedAt: string;
  reason: string;
}
/**
 * An expert of the roster: fields (industry codes), employer and declared relations (grounds for recusal), whether they may be drawn; read alone, with the reviews on which they held a seat (`engagements`).
 */
export interface Expert {
  id: string;
  name: string;
  fields: string[];
  employerUscc: string | null;
  relations: {
    uscc: string;
    kind: 'former-employer' | 'consulted-for' | 'close-relative' | 'other';
    note?: string;
  }[];
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
  engagements?: {
    review: string;
    projectCode: string | null;
    seatedAt: string;
    declaredAt: string | null;
    leftAt: string | null;
    leftBecause: 'recused' | 'objection-upheld' | 'redrawn' | null;
  }[];
}
/**
 * Body of PUT /api/v1/experts/{id} (administrators): an expert of the roster. The id in the path is the `sub` of the expert's token. `fields` are the industry codes the expert may review; `employerUscc` and `relations` are the declared grounds for recusal with an applicant (the expert is never drawn for an enterprise they are related to). `status: inactive` keeps the entry and its history but takes the expert out of draws.
 */
export interface ExpertEntry {
  name: string;
  /**
   * @minItems 1
   * @maxItems 20
   */
  fields:
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string, string, string, string]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
    | [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
  employerUscc?: string | null;
  /**
   * @maxItems 100
   */
  relations?: {
    uscc: string;
    kind: 'former-employer' | 'consulted-for' | 'close-relative' | 'other';
    note?: string;
  }[];
  status?: 'active' | 'inactive';
}
/**
 * POST /api/v1/applications/:id/fees: a clerk assesses a fee from the checklist. The amount is computed from the checklist rate and the application's facts, never given.
 */
export interface FeeAssess {
  /**
   * The fee's checklist code.
   */
  code: string;
  /**
   * Only for fees charged per extra certificate: how many.
   */
  quantity?: number;
}
/**
 * POST …/fees/:feeId/pay: the enterprise (or its agent) reports payment.
 */
export interface FeePayment {
  /**
   * The payment platform's reference (e.g. the non-tax revenue payment code).
   */
  paymentRef: string;
}
/**
 * POST …/fees/:feeId/waive: a clerk waives an assessed fee, with the reason.
 */
export interface FeeWaiver {
  /**
   * Why the fee is waived (the policy or decision relied on).
   */
  reason: string;
}
/**
 * The guide before sign-in (办事指南): what the process would do with the facts given, computed by the functions that decide a case. `dependsOn` names the facts not given yet that change an entry (whether it applies, its limit, its amount); an empty list means the entry is decided by the facts given. A figure that the open facts change has `value` null and the range seen in `atLeast`/`atMost`.
 */
export interface Guide {
  workflow: {
    id: string;
    version: number;
    title: string;
  };
  /**
   * The checklist version in force, which fees and inspections come from.
   */
  checklistVersion: number;
  /**
   * The material catalog version in force; null when the workflow has none yet.
   */
  catalogVersion: number | null;
  dependsOn: DependsOn;
  /**
   * The statutory limit of the whole case in working days, before any extension.
   */
  caseLimit: Figure & {
    dependsOn: DependsOn1;
  };
  /**
   * The tasks the case opens at submission and at acceptance, in that order: the window's intake, then each department's review or inspection.
   */
  departments: {
    department: string;
    action: string;
    limitDays: Figure;
    /**
     * The legal source of the limit.
     */
    source?: string;
    dependsOn: DependsOn1;
  }[];
  /**
   * The catalog items the form requires (`requiredMaterials`), pledgeable ones marked.
   *
   * Items: A catalog item (the fields of the material catalog) with the open facts it depends on.
   */
  materials: {
    /**
     * Stable lowercase code, named in uploads, pledges and supplement requests.
     */
    code: string;
    name: string;
    /**
     * The legal basis that asks for the paper.
     */
    basis: string;
    departments: Departments;
    requiredWhen?: RequiredWhen;
    /**
     * Whether the paper may follow after acceptance under a written pledge (容缺受理).
     */
    pledgeable: boolean;
    mediaTypes: MediaTypes;
    /**
     * Largest file accepted, in bytes (at most 2 GiB).
     */
    maxBytes: number;
    licenceTypes?: LicenceTypes;
    dependsOn: DependsOn1;
  }[];
  /**
   * Every fee of the checklist with what it comes to for these facts (`assessFee`); the collecting department assesses it on the case. A fee per extra certificate is priced for one.
   */
  fees: {
    code: string;
    name: string;
    basis: string;
    unit: 'case' | 'm2-floor-area' | 'certificate';
    /**
     * The collecting department.
     */
    department: string;
    /**
     * Yuan per unit; null while open facts change it.
     */
    rate: number | null;
    quantity: number | null;
    /**
     * Yuan to the fen; null while open facts change it.
     */
    amount: number | null;
    dependsOn: DependsOn1;
    /**
     * Why the amount cannot be computed from the facts given.
     */
    detail?: string;
  }[];
  /**
   * The checklist inspections the case would fix at acceptance (`requiredInspections`).
   */
  inspections: {
    code: string;
    name: string;
    department: string;
    basis: string;
    dependsOn: DependsOn1;
  }[];
}
export interface Figure {
  /**
   * Working days; null while open facts change it.
   */
  value: number | null;
  atLeast: number | null;
  atMost: number | null;
}
/**
 * A JSON Schema (draft 2020-12) the case's form must satisfy for the item to be required; absent means always required.
 */
export interface RequiredWhen {}
/**
 * POST /api/v1/guide: a workflow and the facts known so far. `form` and `project` are partial: every field may be left out, and a field left out is an open fact the guide reports as "depends on" wherever it matters. Fields given are checked against the workflow's form schema (422 otherwise).
 */
export interface GuideRequest {
  /**
   * An application workflow's id, as GET /api/v1/workflows lists them.
   */
  workflow: string;
  /**
   * The facts of the workflow's form known so far (its schema without `required`).
   */
  form?: {};
  /**
   * The project as far as it is known (the project schema without `required`).
   */
  project?: {};
}
/**
 * One historical application on one line of POST /admin/import (NDJSON): the case's envelope and every event in time order. The first event's actor created the case at that event's time; the history is then replayed through the workflow, so who may send what, content rules and states are checked as for live events.
 */
export interface ImportLine {
  /**
   * Identifier of the workflow the case ran, e.g. construction-permit.
   */
  workflow: string;
  /**
   * The workflow version the case started with; the latest when absent.
   */
  workflowVersion?: number;
  /**
   * Unified social credit code of the enterprise whose case it is.
   */
  applicant: string;
  /**
   * The project (see the Project schema); checked in full on SUBMIT, as live.
   */
  project: {};
  /**
   * The workflow's form as it was submitted; checked in full on SUBMIT, as live.
   */
  form: {};
  /**
   * The case's events in time order; the first one's actor created the case.
   *
   * @minItems 1
   */
  events: [Event1, ...Event1[]];
}
export interface Event1 {
  /**
   * When the event happened, with its offset.
   */
  at: string;
  /**
   * Event type, e.g. SUBMIT, ACCEPT, APPROVE; timer events (PLEDGE_DUE) come from the system actor.
   */
  type: string;
  /**
   * Who sent the event, as the audit log keeps it.
   */
  actor: {
    sub: string;
    role: 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'system';
    /**
     * Applicant: the USCC; clerk: the department code; agent: the service team's code.
     */
    org?: string | null;
  };
  /**
   * For an agent: the enterprise (USCC) it acted for, which must be the line's applicant.
   */
  onBehalfOf?: string | null;
  department?: string;
  comment?: string;
  data?: {};
}
/**
 * POST …/inspections/:inspectionId/result: the department records the outcome; a failure opens rectification.
 */
export interface InspectionResult {
  result: 'pass' | 'fail';
  /**
   * What was found; required when the inspection fails (what must be rectified).
   */
  findings?: string;
}
/**
 * POST /api/v1/applications/:id/inspections: a clerk of the item's department schedules a checklist inspection.
 */
export interface InspectionSchedule {
  /**
   * The inspection's checklist code.
   */
  code: string;
  /**
   * When the inspection takes place (ISO 8601 with offset).
   */
  scheduledAt: string;
}
/**
 * What an investor declares when filing a project for the zone's pre-review (项目预审). The entry thresholds (investment and tax per mu, floor-area ratio, coverage) are computed from these figures at filing and shown to the panel as flags, never as a rejection. The project's investment code, when it has one, goes in the project (`project.code`). Unknown fields are refused so that misspelt ones are caught.
 */
export interface InvestmentProposalForm {
  /**
   * The industry (a code of the expert roster's fields, e.g. `new-materials`, `electronics`, `biomedicine`); the panel is drawn from experts of this field.
   */
  industry: string;
  /**
   * Total fixed-asset investment, yuan.
   */
  investmentYuan: number;
  /**
   * Land asked for, in mu (亩).
   */
  landMu: number;
  /**
   * Expected annual output at full production, yuan.
   */
  expectedOutputYuan: number;
  /**
   * Expected tax a year at full production, yuan.
   */
  taxPerYearYuan: number;
  /**
   * Jobs created.
   */
  jobs: number;
  /**
   * Floor-area ratio (容积率) of the plan.
   */
  floorAreaRatio: number;
  /**
   * Building coverage (建筑密度) as a share of the site, 0 to 1 (0.45 is 45 %).
   */
  coverage: number;
  /**
   * Level of the technology, as the investor declares it.
   */
  technologyLevel: 'international-leading' | 'domestic-leading' | 'domestic-advanced' | 'common';
  /**
   * What the project makes and why here.
   */
  summary?: string;
}
/**
 * A filed proposal of the pre-review as lists show it: enough for an expert to declare on (applicant, project, industry) and for the officer to follow the batch. `seat` is the calling expert's own seat.
 */
export interface InvestmentReviewSummary {
  id: string;
  applicant: string;
  applicantName: string | null;
  project: {
    name: string;
    code: string | null;
  };
  status: string;
  batch: string | null;
  industry: string | null;
  /**
   * Entry thresholds the proposal misses: investment-per-mu, tax-per-mu, floor-area-ratio, coverage. Flags, never a rejection.
   */
  flags: ('investment-per-mu' | 'tax-per-mu' | 'floor-area-ratio' | 'coverage')[];
  seat: {
    seatedAt: string;
    declaredAt: string | null;
  } | null;
}
export interface InvestmentReview1 {
  form: {};
  cutOffAt: string | null;
  decisionDueAt: string | null;
  /**
   * The departments of the pre-review (configuration), each of which states a position in `positions`.
   */
  preReviewDepartments: string[];
  positions: {
    [k: string]:
      | {
          position: 'agree' | 'agree-with-conditions' | 'disagree';
          conditions: string | null;
        }
      | undefined;
  };
  panel: {
    expert: string;
    name: string | null;
    declared: boolean;
    objection: boolean;
    absent: boolean;
    voted: boolean;
  }[];
  left: {
    expert: string;
    name: string | null;
    leftAt: string;
    because: string;
  }[];
  meeting: {
    number: number;
    present: number;
    voted: number;
    absent: string[];
    sealed: boolean;
  } | null;
  outcome: 'passed' | 'passed-with-conditions' | 'rejected' | 'deferred' | 'no-quorum' | null;
  conditions: string[];
  /**
   * What a ballot's score sheet holds (configuration): the pass/fail gates, the weighted criteria with their weights, the reasons a rejection may name.
   */
  scoreSheet: {
    gates: string[];
    weights: {
      [k: string]: number | undefined;
    };
    rejectionReasons: string[];
  };
  decisions: {
    seq: number;
    at: string;
    meeting: number;
    outcome: 'passed' | 'passed-with-conditions' | 'rejected' | 'deferred' | 'no-quorum';
    ballots?: {
      expert: string;
      vote: 'pass' | 'pass-with-conditions' | 'defer' | 'reject';
      salt: string;
    }[];
  }[];
}
/**
 * What an event of the investment pre-review must carry, checked after the caller's role (a failure is 422). Each entry of $defs is keyed by event type and applies to the whole event body. The events that carry a draw or a ballot are sent by the /api/v1/investment-reviews routes, which build their content.
 */
export interface InvestmentReviewEventContent {
  [k: string]: unknown | undefined;
}
export interface Period {
  reviews: number;
  passed: number;
  passedWithConditions: number;
  rejected: number;
  passRate: number | null;
  meanWorkingDaysToDecision: number | null;
}
export interface InvestmentReviewFigures1 {
  year: number;
  months: (Period & {
    month: string;
  })[];
  rejectionReasons: {
    industry: string;
    reason: string;
    count: number;
  }[];
}
/**
 * The facts the applicant declares for stage 1 (立项用地规划许可): how the project is authorised, the land it needs and its type. Optional fields say what their absence means. Unknown fields are refused so that misspelt ones are caught.
 */
export interface LandPlanningForm {
  /**
   * Project type (工业, 房建, 市政, 小型社会投资项目, 其他): decides the target working days of the whole project (db/seeds/project-targets.json).
   */
  projectType: 'industrial' | 'housing' | 'municipal' | 'small' | 'other';
  /**
   * `filing` (备案) for most enterprise investment projects; `approval` (核准) for those on the government's catalogue of projects needing approval.
   */
  approvalType: 'filing' | 'approval';
  /**
   * Land area the project needs (用地面积), in square metres.
   */
  landAreaM2: number;
  /**
   * Intended land use (用地性质) as the land plan names it.
   */
  landUse: string;
  /**
   * Whether the project uses construction land already approved by law: then no land pre-examination is needed (自然资发〔2019〕2号). Absent means false.
   */
  onApprovedConstructionLand?: boolean;
  /**
   * Total investment (总投资), in yuan.
   */
  investmentYuan?: number;
}
/**
 * PUT /api/v1/enterprises/:uscc/liaison: the clerk (user id) who follows the enterprise's cases.
 */
export interface Liaison {
  /**
   * The clerk's user id (sub).
   */
  clerk: string;
}
/**
 * The enterprise's one-to-one liaison clerk (一对一挂点服务); clerk is null when none is named.
 */
export interface LiaisonAssignment {
  enterprise: string;
  clerk: string | null;
  assignedBy?: string;
  assignedAt: string | null;
}
/**
 * An electronic licence (电子证照) as anyone may verify it: the signed facts, the live status, and the signature over `signedPayload`.
 */
export interface Licence {
  /**
   * Region code (6) + issue date in Asia/Shanghai (8) + serial of the region and day (4) + type code (2: 01 construction permit, 02 completion certificate).
   */
  number: string;
  type: 'construction-permit' | 'completion-certificate';
  /**
   * Live: valid, in_force (works started), lapsed (no start nor extension in time), revoked, superseded (by a corrected licence).
   */
  status: 'valid' | 'in_force' | 'lapsed' | 'revoked' | 'superseded';
  holder: {
    uscc: string;
    name: string;
  };
  project: {
    code: string | null;
    name: string;
    location: string | null;
  };
  /**
   * Id of the application whose issue produced it.
   */
  application: string;
  issuedAt: string;
  /**
   * Construction permits: the last day (Asia/Shanghai) to start work, extensions included; null for certificates.
   */
  startWorksBy: string | null;
  extensions: {
    months: number;
    grantedAt: string;
    startWorksBy: string;
  }[];
  /**
   * What the licence covers, from the form: use, areas, units (and for a certificate the completion date and the permit).
   */
  covers: {};
  worksStartedAt?: string;
  revokedAt?: string;
  revocationReason?: string;
  /**
   * The number of the licence this one corrects.
   */
  supersedes?: string;
  /**
   * The RFC 8785 canonical JSON that was signed; verify the signature over its UTF-8 bytes.
   */
  signedPayload: string;
  signature: {
    algorithm: 'SM2-SM3';
    /**
     * The key of GET /licences/keys that signed it.
     */
    keyId: string;
    /**
     * The DER signature (r, s), base64.
     */
    value: string;
  };
  /**
   * The public page the QR code encodes.
   */
  verificationUrl: string;
}
/**
 * Body of POST /licences/{number}/events: WORKS_STARTED and EXTENSION_REQUESTED by the holder (or its agent), EXTEND, REFUSE_EXTENSION, REVOKE and CORRECT by the window or an administrator. What each needs in comment and data is in the licence event content rules.
 */
export interface LicenceEvent {
  /**
   * Event type.
   */
  type: 'WORKS_STARTED' | 'EXTENSION_REQUESTED' | 'EXTEND' | 'REFUSE_EXTENSION' | 'REVOKE' | 'CORRECT';
  /**
   * Reasons: why work cannot start in time, why an extension is refused, why the licence is revoked or corrected.
   */
  comment?: string;
  /**
   * Structured details: `months` of an extension, the corrected fields of CORRECT.
   */
  data?: {};
}
/**
 * What an event on a licence must carry, checked after the caller's role (a failure is 422). Each entry of $defs is keyed by event type and applies to the whole event body; WORKS_STARTED needs nothing beyond the envelope.
 */
export interface LicenceEventContent {
  [k: string]: unknown | undefined;
}
/**
 * The form of a licence's own case, written by the service when an application is issued (never sent by a caller): the licence's number and type, the application it was issued on, and, for a construction permit, the start deadline.
 */
export interface LicenceFacts {
  number: string;
  type: 'construction-permit' | 'completion-certificate';
  /**
   * Id of the application the licence was issued on.
   */
  application: string;
  /**
   * Construction permits: the last day (Asia/Shanghai) on which work may start.
   */
  startWorksBy?: string | null;
  /**
   * The number of the licence this one corrects.
   */
  supersedes?: string;
  /**
   * A corrected licence: the extensions granted to the one it supersedes.
   */
  extensions?: unknown[];
  /**
   * A corrected licence: when the works started under the one it supersedes.
   */
  worksStartedAt?: string | null;
}
/**
 * Every SM2 public key that has signed a licence.
 */
export interface LicenceKeys {
  keys: {
    keyId: string;
    algorithm: 'SM2-SM3';
    /**
     * PEM SubjectPublicKeyInfo (id-ecPublicKey on the SM2 curve).
     */
    pem: string;
  }[];
}
/**
 * A stored change of a key project's light; `recovery` when it got better (to green, or red to yellow).
 */
export interface LightChange {
  projectCode: string;
  light: 'green' | 'yellow' | 'red';
  previous: 'green' | 'yellow' | 'red' | null;
  evaluatedOn: string;
  recovery: boolean;
}
/**
 * A key project with its light on the report's day, the rules that fired and its progress.
 */
export interface LitProject {
  projectCode: string;
  name: string;
  light: 'green' | 'yellow' | 'red';
  reasons: {
    rule: 'behind-plan' | 'no-start' | 'slip' | 'stalled';
    light: 'yellow' | 'red';
    value: number;
    threshold: number;
    milestone?: string;
  }[];
  plannedProgress: number;
  actualProgress: number;
}
/**
 * The published list of application materials (材料清单) of one workflow: every paper an application may need, with its legal basis, who reads it, when it is required and what files it takes. PUT /api/v1/workflows/{id}/materials publishes a new version with this body; GET returns it with its workflow, version and publication time.
 */
export interface MaterialCatalog {
  /**
   * Where this version was published.
   */
  source?: string;
  /**
   * The catalog's items; codes unique.
   *
   * @minItems 1
   * @maxItems 200
   */
  items: [Item, ...Item[]];
}
export interface Item {
  /**
   * Stable lowercase code, named in uploads, pledges and supplement requests.
   */
  code: string;
  name: string;
  /**
   * The legal basis that asks for the paper.
   */
  basis: string;
  departments: Departments;
  requiredWhen?: RequiredWhen;
  /**
   * Whether the paper may follow after acceptance under a written pledge (容缺受理).
   */
  pledgeable: boolean;
  mediaTypes: MediaTypes;
  /**
   * Largest file accepted, in bytes (at most 2 GiB).
   */
  maxBytes: number;
  licenceTypes?: LicenceTypes;
}
/**
 * POST /api/v1/applications/{id}/materials. As multipart/form-data: the parts `code` (first) and `file` (the paper; its type is judged from its content). As JSON: `{code, reuse}` attaches a material the same enterprise handed in on another case (no copy), or `{code, licence}` cites an electronic licence already issued. Exactly one of `file`, `reuse` and `licence`.
 */
export interface MaterialSubmission {
  /**
   * The catalog item the material is for.
   */
  code: string;
  /**
   * Multipart only: the file.
   */
  file?: string;
  /**
   * JSON only: the id of a material the same enterprise handed in on another case.
   */
  reuse?: string;
  /**
   * JSON only: the number of an electronic licence whose type the item lists.
   */
  licence?: string;
}
/**
 * Body of PUT /api/v1/projects/{code}/plan/milestones/{milestone}: the actual date of a milestone the task force enters (not a stage result: approvals fill those).
 */
export interface MilestoneActual {
  /**
   * A date, YYYY-MM-DD (Asia/Shanghai).
   */
  actualOn: string;
}
/**
 * 一月一通报 for the calendar month containing `at`: departments (tasks closed in the month) and workflows (cases decided in the month), ranked by on-time rate, then by median net working days.
 */
export interface MonthlyReport {
  report: 'monthly';
  at: string;
  month: string;
  from: string;
  /**
   * Exclusive.
   */
  to: string;
  /**
   * False while the month is still running (month to date).
   */
  complete: boolean;
  provisional?: true;
  departments: Row[];
  workflows: Row[];
  /**
   * The investment pre-reviews a panel decided in the month (one line of the bulletin): how many, passed (with or without conditions), rejected, the pass rate and the mean working days from the batch cut-off to the decision.
   */
  investmentReviews: {
    reviews: number;
    passed: number;
    passedWithConditions: number;
    rejected: number;
    passRate: number | null;
    meanWorkingDaysToDecision: number | null;
  };
  ratings: RatingFigures;
  keyProjects: KeyProjectFigures;
}
export interface Row {
  /**
   * 1 for the best; equal figures share a rank.
   */
  rank: number | null;
  group: string;
  name: string;
  concluded: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  meanWorkingDays?: number | null;
  medianWorkingDays?: number | null;
  p90WorkingDays?: number | null;
  maxWorkingDays?: number | null;
  limitWorkingDays?: number | null;
  limitsVary?: boolean;
  /**
   * 1 − median net working days ÷ statutory limit.
   */
  compressionRate: number | null;
}
/**
 * The month's ratings (好差评) per department and per item, as GET /api/v1/ratings/figures publishes them.
 */
export interface RatingFigures {
  month: string;
  from: string;
  /**
   * Exclusive.
   */
  to: string;
  departments: Row1[];
  workflows: Row1[];
  notCounted: {
    defaults: number;
    excluded: number;
  };
}
export interface Row1 {
  group: string;
  name: string;
  ratings: number;
  satisfied: number;
  neutral: number;
  bad: number;
  satisfactionRate: number | null;
  badAnswered: number;
  badRectifiedOnTime: number;
  rectifiedOnTimeRate: number | null;
}
/**
 * A message telling its recipients of a step of a case or of a deadline, in Chinese, naming the project and the next step.
 */
export interface Notification {
  /**
   * The message id; the webhook carries the same one.
   */
  id: string;
  /**
   * What the message is about; stable, for receivers that choose a template by it.
   */
  code: string;
  /**
   * The plain values the text was built from (project, dates, amounts, materials).
   */
  params: {};
  /**
   * The message in Chinese.
   */
  text: string;
  applicationId: string | null;
  project: {
    code: string | null;
    name: string;
  } | null;
  createdAt: string;
  /**
   * Whether the caller has read it.
   */
  read: boolean;
  readAt: string | null;
}
/**
 * An outbox message (a webhook delivery) whose delivery failed: retried with backoff and jitter, or parked as dead after its last attempt.
 */
export interface OutboxMessage {
  id: number;
  applicationId: string | null;
  /**
   * `notification` for a webhook message.
   */
  type: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  /**
   * When the next attempt may run (meaningless once dead).
   */
  availableAt: string;
  /**
   * When the message was parked; null while it is still retried.
   */
  deadAt: string | null;
}
/**
 * A user as last seen signing in: the name their token carried, role, organisation, and whether a clerk leads the department.
 */
export interface Person {
  sub: string;
  name: string | null;
  role: 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert';
  org: string | null;
  lead: boolean;
}
/**
 * Body of POST /api/v1/projects/{code}/plan/baselines: the planned date of each milestone. The first baseline takes force at once; a later one is a proposal the responsible leader decides on.
 */
export interface PlanBaseline {
  planned: {
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    signing?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'land-supply'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'code-assigned'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'stage-1'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'stage-2'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'stage-3'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'stage-4'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'works-started'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    'topped-out'?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    completion?: string;
    /**
     * A date, YYYY-MM-DD (Asia/Shanghai).
     */
    production?: string;
  };
  /**
   * Why the plan changes (required for a re-baseline).
   */
  reason?: string;
}
/**
 * What the version of a workflow in force offers on pledge: the items, the working days of verification and rectification, and the pledge text to sign with its SHA-256.
 */
export interface PledgeOffer {
  workflow: string;
  version: number;
  items: string[];
  verificationWorkingDays: number;
  rectificationWorkingDays: number;
  source: string;
  text: {
    id: string;
    text: string;
    sha256: string;
  };
}
/**
 * The verification of a case decided on pledge: its status (verifying, rectifying, verified, revoked: revoked by the service when the rectification time runs out), the findings so far, the rectification deadline and the open task's due date.
 */
export interface PledgeVerification {
  id: string;
  enterprise: string;
  application: string;
  licence: string | null;
  items: string[];
  status: string;
  findings: {
    at: string;
    outcome: 'verified' | 'non-compliant' | 'rectified';
    method: string | null;
  }[];
  rectifyBy: string | null;
  /**
   * When the open task is due.
   */
  dueAt: string | null;
}
/**
 * What an event on a pledge verification must carry, checked after the caller's role (a failure is 422). Each entry of $defs is keyed by event type and applies to the whole event body; RECTIFIED needs nothing beyond the envelope.
 */
export interface PledgeVerificationContent {
  [k: string]: unknown | undefined;
}
/**
 * Body of POST /pledge-verifications/{id}/events: VERIFIED and NON_COMPLIANT (with `data.method`: in-writing, online, on-site, by-notice) and RECTIFIED by the department of the pledged item. The licence is revoked by the service itself when the rectification time runs out: no event revokes it.
 */
export interface PledgeVerificationEvent {
  type: 'VERIFIED' | 'NON_COMPLIANT' | 'RECTIFIED';
  comment?: string;
  data?: {
    method?: 'in-writing' | 'online' | 'on-site' | 'by-notice';
  };
}
/**
 * The form of a pledge verification's own case, written by the service when a case decided on pledge is issued (never sent by a caller).
 */
export interface PledgeVerificationFacts {
  /**
   * Id of the application decided on pledge.
   */
  application: string;
  /**
   * Number of the licence its issue produced.
   */
  licence?: string | null;
  items: string[];
}
/**
 * RFC 9457 problem details: the body of every refusal, sent as application/problem+json. A 401 also carries `WWW-Authenticate: Bearer`.
 */
export interface Problem {
  /**
   * A stable slug to branch on: unauthorized, forbidden, not-found, malformed-request, payload-too-large, unsupported-media-type, validation-failed, unknown-workflow, not-on-checklist, materials-missing, not-in-catalog, event-not-allowed, version-conflict, idempotency-key-reused, idempotency-key-in-use, internal-error, …
   */
  type: string;
  /**
   * The HTTP status phrase.
   */
  title: string;
  status: number;
  /**
   * What went wrong, for a person: in Chinese when the request's Accept-Language prefers Chinese (zh, zh-CN), in English otherwise.
   */
  detail: string;
  /**
   * The fields to fix, with JSON pointers from the body root (`/query/<name>` for query parameters).
   */
  errors?: FieldError[];
  /**
   * materials-missing only: the catalog codes that need a material first.
   */
  missing?: string[];
  /**
   * What exactly is refused, finer than `type`: a stable code of the registry in docs/api.md (Error codes). Clients word it from `code` and `params` in their own language.
   */
  code: string;
  /**
   * The figures the code's sentence is made of (identifiers, numbers, dates, lists of them); never prose.
   */
  params: {
    [k: string]: unknown | undefined;
  };
}
/**
 * The construction project an application is about. Unknown fields are refused so that misspelt ones are caught.
 */
export interface Project {
  /**
   * Investment project code (投资项目代码) from the project filing or approval, as printed in either form: the legacy YYYY-RRRRRR-II-TT-NNNNNN or GB/T 40058-2021 YYYY-RRRRRR-DD-TT-NNNNNC (year 2014–2099, a GB/T 2260 region of a province, department or industry, project type, serial or random code with check character; docs/domain.md, "Codes").
   */
  code?: string;
  /**
   * Project name as in the project filing or approval.
   */
  name: string;
  /**
   * Site address (建设地点).
   */
  location?: string;
  /**
   * Registered name of the enterprise that applies (建设单位), printed as the holder of the licences the project's applications are issued; without it a licence names the holder by its USCC only.
   */
  applicantName?: string;
  /**
   * Administrative division code (行政区划代码, GB/T 2260) of the site's county or district.
   */
  regionCode?: string;
}
/**
 * A project across the four approval stages (国办发〔2018〕33号): each stage with its cases, every case with its status, dates and figures, and the totals against the target in force for its type (docs/api.md, "Projects"). Working days are those of the official calendar, counted as for a case ("How time is counted").
 */
export interface ProjectDetail {
  code: string;
  name: string;
  projectType: string | null;
  projectTypeName: {
    en: string;
    zh: string;
  } | null;
  enterprise: Enterprise1;
  regionCode: string | null;
  firstSeenAt: string;
  updatedAt: string;
  /**
   * `legacy`: all digits (the platform's 2017 rules, or a GB/T 40058 code whose check character is a digit); `gbt-40058`: the check character is a letter.
   */
  codeForm: 'legacy' | 'gbt-40058' | null;
  stages: {
    stage: number;
    name: string;
    nameZh: string;
    /**
     * `done` once a case of the stage is concluded with its result; `in-progress` while one is submitted and not ended.
     */
    progress: 'not-started' | 'in-progress' | 'done';
    /**
     * Ids of the cases in this stage (a construction permit stands in stages 2 and 3).
     */
    cases: string[];
    governmentWorkingDays: number;
  }[];
  cases: {
    id: string;
    workflow: string;
    workflowVersion: number;
    title: string;
    stages: number[];
    applicant: string;
    status: string;
    createdAt: string;
    submittedAt: string | null;
    acceptedAt: string | null;
    concludedAt: string | null;
    dueAt: string | null;
    figures: {
      /**
       * From acceptance to conclusion (or now).
       */
      workingDays: number | null;
      /**
       * The case's net working days: workingDays less every stop.
       */
      governmentWorkingDays: number | null;
      /**
       * Stopped for the applicant: supplements, rectification, suspension.
       */
      applicantWorkingDays: number | null;
      /**
       * Stopped for a special procedure (expert review, hearing: `clock:special`).
       */
      specialProcedureWorkingDays: number | null;
      limitWorkingDays: number | null;
      onTime: boolean | null;
      provisional?: true;
    };
  }[];
  /**
   * Sums over the project's cases, each counted once (a case of stages 2 and 3 is not counted twice).
   */
  totals: {
    governmentWorkingDays: number;
    applicantWorkingDays: number;
    specialProcedureWorkingDays: number;
    /**
     * Cases of stages 1–3.
     */
    preConstructionWorkingDays: number;
    /**
     * Cases of stage 4.
     */
    completionWorkingDays: number;
    withinTarget: boolean;
    provisional?: true;
  };
  /**
   * The target in force for the project's type (db/seeds/project-targets.json).
   */
  target: {
    profile: string;
    source: string;
    total: number;
    preConstruction?: number;
    completion?: number;
  };
  warnings?: FieldError[];
}
export interface Enterprise1 {
  uscc: string;
  name: string | null;
}
/**
 * One issue of a key project's issue list (问题清单).
 */
export interface ProjectIssue {
  id: string;
  projectCode: string;
  title: string;
  owner: string;
  /**
   * YYYY-MM-DD.
   */
  deadline: string;
  measures: string | null;
  status: 'open' | 'in-progress' | 'resolved';
  raisedBy: string;
  raisedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /**
   * When a weekly dispatch escalated it; null while not escalated.
   */
  escalatedAt: string | null;
  /**
   * The id of the dispatch that escalated it.
   */
  escalatedByDispatch: string | null;
}
/**
 * Body of PATCH /api/v1/projects/{code}/issues/{id}: the status (open → in-progress → resolved), owner, deadline or measures.
 */
export interface ProjectIssueChange {
  status?: 'open' | 'in-progress' | 'resolved';
  owner?: string;
  /**
   * A date, YYYY-MM-DD (Asia/Shanghai).
   */
  deadline?: string;
  measures?: string;
}
/**
 * Body of POST /api/v1/projects/{code}/issues: a problem raised on the issue list (问题清单), with its owner, deadline and measures.
 */
export interface ProjectIssueNew {
  title: string;
  owner: string;
  /**
   * A date, YYYY-MM-DD (Asia/Shanghai).
   */
  deadline: string;
  measures?: string;
}
/**
 * A key project's plan: milestones planned (baseline in force) and actual, today's light, the light history, every baseline version and the split of delays.
 */
export interface ProjectPlan {
  projectCode: string;
  name: string;
  version: number | null;
  milestones: {
    milestone: string;
    /**
     * The milestone's Chinese name.
     */
    name: string;
    /**
     * YYYY-MM-DD (Asia/Shanghai).
     */
    plannedOn: string | null;
    /**
     * YYYY-MM-DD (Asia/Shanghai).
     */
    actualOn: string | null;
    /**
     * `case`: an approval gave the date; `entry`: the task force entered it.
     */
    source: 'case' | 'entry' | null;
    applicationId: string | null;
  }[];
  light: {
    light: 'green' | 'yellow' | 'red';
    reasons: {
      rule: 'behind-plan' | 'no-start' | 'slip' | 'stalled';
      light: 'yellow' | 'red';
      value: number;
      threshold: number;
      milestone?: string;
    }[];
    plannedProgress: number;
    actualProgress: number;
    next: {
      milestone: string;
      plannedOn: string;
      slipDays: number;
    } | null;
  } | null;
  lightHistory: {
    light: 'green' | 'yellow' | 'red';
    previous: 'green' | 'yellow' | 'red' | null;
    reasons: {
      rule: 'behind-plan' | 'no-start' | 'slip' | 'stalled';
      light: 'yellow' | 'red';
      value: number;
      threshold: number;
      milestone?: string;
    }[];
    evaluatedOn: string;
    changedAt: string;
  }[];
  baselines: {
    version: number;
    status: 'in-force' | 'proposed' | 'superseded' | 'rejected';
    reason: string | null;
    proposedBy: string;
    proposedAt: string;
    decidedBy: string | null;
    decidedAt: string | null;
    decisionComment: string | null;
    /**
     * Milestone → planned date (YYYY-MM-DD).
     */
    planned: {
      [k: string]: string | undefined;
    };
  }[];
  stage: number | null;
  delays: {
    cases: number;
    decided: number;
    governmentWorkingDays: number;
    governmentOverLimitWorkingDays: number;
    enterpriseWorkingDays: number;
  };
}
/**
 * A project in a list: known by its investment project code, named by the enterprise that first filed a case for it. `projectType` is a key of the configured project types (db/seeds/project-targets.json), null until a form tells it.
 */
export interface ProjectSummary {
  code: string;
  name: string;
  projectType: string | null;
  enterprise: Enterprise1;
  regionCode: string | null;
  firstSeenAt: string;
  updatedAt: string;
}
export interface ProjectsBiweeklyReport {
  figures: KeyProjectFigures;
  report: 'biweekly-projects';
  at: string;
  from: string;
  red: LitProject[];
  yellow: LitProject[];
  lightChanges: LightChange[];
  escalatedIssues: ProjectIssue[];
  overdueIssues: ProjectIssue[];
}
export interface ProjectsMonthlyReport {
  report: 'monthly-projects';
  at: string;
  month: string;
  projects: LitProject[];
  lights: {
    green: number;
    yellow: number;
    red: number;
  };
  lightChanges: LightChange[];
  issues: {
    raised: number;
    resolved: number;
    resolvedOfRaised: number;
    /**
     * Of the issues raised in the month, the share resolved; null when none was raised.
     */
    closureRate: number | null;
  };
  figures: KeyProjectFigures;
}
export interface ProjectsWeeklyReport {
  figures: KeyProjectFigures;
  report: 'weekly-projects';
  at: string;
  red: LitProject[];
  yellow: LitProject[];
  overdueIssues: ProjectIssue[];
  escalatedIssues: ProjectIssue[];
  /**
   * Open cases of key projects due within 5 working days, or late.
   */
  approvalsDue: {
    id: string;
    projectCode: string;
    workflow: string;
    dueAt: string;
    overdue: boolean;
  }[];
}
/**
 * A published version of the checklist of fees and inspections: the body PUT /checklist takes (the checklist schema) with its version and publication time.
 */
export interface PublishedChecklist {
  version: number;
  publishedAt: string;
  source?: string;
  fees: Fee1[];
  inspections: Inspection1[];
}
/**
 * A published version of a workflow's material catalog: the body PUT takes (the material-catalog schema) with its workflow, version and publication time.
 */
export interface PublishedMaterialCatalog {
  workflow: string;
  version: number;
  publishedAt: string;
  source?: string;
  items: Item[];
}
/**
 * A rating of a case or of a department's decision. `rater` is shown to the enterprise's side, auditors and administrators only, never to clerks; `clerk` (the clerk the result is attributed to) to the government's side only.
 */
export interface Rating {
  id: string;
  application: string;
  workflow: string;
  /**
   * `case`, or the department whose decision is rated.
   */
  target: string;
  /**
   * The department the rating is attributed to.
   */
  department: string;
  /**
   * The clerk whose record made the result.
   */
  clerk?: string | null;
  level: number;
  levelName: string;
  tags: string[];
  text: string | null;
  channel: number;
  /**
   * Recorded by the local default rule (no rating given); never in the figures.
   */
  default: boolean;
  resultAt: string;
  ratedAt: string;
  /**
   * Excluded from the figures after an appeal; kept in the record.
   */
  excluded: boolean;
  exclusionReason?: string | null;
  followUp: {
    id: string;
    status: string | null;
    dueAt: string | null;
    rectifiedOnTime: boolean | null;
    /**
     * The rater's rating of the follow-up.
     */
    level: number | null;
  } | null;
  rater?: {
    sub: string;
    role: 'applicant' | 'agent';
  };
}
/**
 * POST /api/v1/applications/:id/ratings: the enterprise (or its agent) rates the case as a whole, or one department's decision (`department`). GB/T 39046-2020 table 9: level (code set A.8) and channel (办理形式). A level or channel outside its code set is 422.
 */
export interface RatingCreate {
  /**
   * 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意 (GB/T 39046 A.8). 4 and 5 open a follow-up.
   */
  level: number;
  /**
   * 办理形式: 1 窗口 (window), 2 PC, 3 移动 (mobile), 4 快递 (post).
   */
  channel: number;
  /**
   * The department whose decision is rated; absent: the case as a whole.
   */
  department?: string;
  /**
   * Short labels the rater picks (办事效率高, 多次跑动…).
   *
   * @maxItems 10
   */
  tags?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string];
  /**
   * What the rater wants to say.
   */
  text?: string;
}
/**
 * The published ratings of a calendar month (Asia/Shanghai) per department and per item. Counted: ratings given in the month, not default, not excluded. Satisfaction rate = levels 1–2 ÷ counted; rectified on time = bad ratings (4–5) answered by the follow-up's due date ÷ bad ratings. No identities.
 */
export interface RatingFigures1 {
  month: string;
  from: string;
  /**
   * Exclusive.
   */
  to: string;
  departments: Row1[];
  workflows: Row1[];
  notCounted: {
    defaults: number;
    excluded: number;
  };
}
/**
 * The follow-up of a bad rating: its limits, the department's steps and the rater's rating of it. The steps name roles and departments, never the rater.
 */
export interface RatingFollowUp {
  id: string;
  rating: Rating;
  department: string;
  status:
    'contact' | 'verifying' | 'rectifying' | 'answering' | 'appealed' | 'answered' | 'closed' | 'excluded';
  contactDueAt: string;
  /**
   * Rectify and answer the rater by then.
   */
  dueAt: string;
  contactedAt: string | null;
  contactOverdue: boolean;
  finding: 'justified' | 'explained' | 'appealed' | null;
  rectifiedAt: string | null;
  answeredAt: string | null;
  followUpLevel: number | null;
  steps: {
    type: string;
    at: string;
    /**
     * Who acted: clerk, admin, applicant or agent (the rater), scheduler.
     */
    role: string;
    department: string | null;
    comment: string | null;
    data?: {} | null;
  }[];
}
/**
 * Body of POST /api/v1/rating-follow-ups/:id/events: CONTACT, VERIFY (`data.finding` justified, explained or appealed), RECTIFIED and ANSWER (each with `comment`) by a clerk of the rated department; EXCLUDE and DISMISS_APPEAL (with `comment`) by an administrator; RATE_FOLLOW_UP (`data.level` 1–5) by the rater.
 */
export interface RatingFollowUpEvent {
  type: 'CONTACT' | 'VERIFY' | 'RECTIFIED' | 'ANSWER' | 'EXCLUDE' | 'DISMISS_APPEAL' | 'RATE_FOLLOW_UP';
  /**
   * The note of the contact, the measures taken, the answer to the rater, or the reason of the supervisor's decision.
   */
  comment?: string;
  /**
   * `finding` of VERIFY; `level` of RATE_FOLLOW_UP.
   */
  data?: {};
}
/**
 * The form of a bad rating's follow-up case, written by the service when the rating is recorded (never sent by a caller): the rating, the case rated, the department that holds the follow-up and the limits configured at that moment.
 */
export interface RatingFollowUpFacts {
  /**
   * Id of the bad rating.
   */
  rating: string;
  /**
   * Id of the application rated.
   */
  application: string;
  /**
   * The department rated, which holds the follow-up.
   */
  department: string;
  /**
   * RATING_CONTACT_WORKING_DAYS when it opened.
   */
  contactWorkingDays: number;
  /**
   * RATING_RECTIFY_WORKING_DAYS when it opened.
   */
  rectifyWorkingDays: number;
  /**
   * RATING_FOLLOW_UP_RATE_DAYS when it opened: calendar days the answered rater has to rate the follow-up before it closes unrated (7 when absent).
   */
  rateDays?: number;
}
/**
 * The ratings of a case the caller may see: all of them for the enterprise's side, auditors and administrators; a clerk's own department's only, without the rater.
 */
export interface RatingList {
  items: Rating[];
}
/**
 * Body of POST /api/v1/investment-reviews/{id}/absences (the review officer): a member who does not attend the meeting and will not vote.
 */
export interface ReviewAbsence {
  expert: string;
}
/**
 * Body of POST /api/v1/investment-reviews/{id}/ballot (a seated expert who declared no conflict): the vote with its score sheet. `gates` marks every pass/fail gate (industrial policy, land-use plan, environment); `scores` gives every weighted criterion 0–100. A rejection names reasons, a conditional pass its conditions. The ballot stays sealed until every present member has voted.
 */
export interface ReviewBallot {
  vote: 'pass' | 'pass-with-conditions' | 'defer' | 'reject';
  gates: {
    [k: string]: 'pass' | 'fail' | undefined;
  };
  scores: {
    [k: string]: number | undefined;
  };
  /**
   * @maxItems 10
   */
  reasons?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string];
  conditions?: string;
  comment: string;
}
/**
 * Body of POST /api/v1/investment-reviews/{id}/declaration (a seated expert). `conflict: false` declares no conflict and opens the dossier to the expert; `conflict: true` recuses the expert on the ground given, and a replacement is drawn from the same seed.
 */
export interface ReviewDeclaration {
  conflict: boolean;
  /**
   * With `conflict: true`: the expert's current or former employer, consulted for the applicant, a close relative, sat on an earlier review of the project, any other interest.
   */
  ground?: 'employer' | 'consulted-for' | 'close-relative' | 'earlier-review' | 'other';
  note?: string;
}
/**
 * Body of POST /api/v1/investment-reviews/{id}/draw (the review officer). Without `seed` the service takes 32 random bytes; a seed given (e.g. the numbers of a public draw ceremony) is used as it is. Either way the seed is recorded with the draw, so anyone can re-run it.
 */
export interface ReviewDraw {
  seed?: string;
}
/**
 * Body of POST /api/v1/investment-reviews/{id}/objections/{expert}/decision (the review officer): whether the investor's objection to a member is upheld (the member leaves and a replacement is drawn) and why.
 */
export interface ReviewObjectionDecision {
  upheld: boolean;
  comment: string;
}
/**
 * Whether the console signs in through the identity provider, and who the session cookie names (null without a session, or without a provider).
 */
export interface SignInSession {
  /**
   * True when OIDC_ISSUER is configured: the console signs in at /auth/login and calls the API with its session cookie.
   */
  provider: boolean;
  principal: null | {
    sub: string;
    role: 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert';
    org: string | null;
    name?: string;
    iss?: string;
  };
}
/**
 * Body of POST /api/v1/tasks/{id}/assign: the clerk (their `sub`) the department's lead gives the task to.
 */
export interface TaskAssign {
  /**
   * The clerk's user id (`sub`).
   */
  clerk: string;
}
/**
 * Body of PUT /api/v1/projects/{code}/task-force: the whole task force (专班) of a project, replacing the one before.
 */
export interface TaskForce {
  /**
   * @maxItems 50
   */
  members: {
    /**
     * 责任领导, 牵头单位, 驻企专员, the enterprise's contact, the builder's site lead.
     */
    role: 'responsible-leader' | 'lead-unit' | 'resident-officer' | 'enterprise-contact' | 'site-lead';
    name: string;
    /**
     * The member's user id, when they use the service (required for the responsible leader and the resident officer).
     */
    sub?: string;
    /**
     * The lead unit's department code (required for the lead unit); the enterprise's USCC for its contact.
     */
    org?: string;
    phone?: string;
  }[];
}
/**
 * A pending timer whose event failed: retried with backoff, or parked as dead after its last attempt.
 */
export interface Timer {
  id: number;
  applicationId: string;
  /**
   * The timer's name within its case.
   */
  key: string;
  /**
   * The type of the event the timer sends.
   */
  event: string;
  /**
   * The statutory time the event is recorded at when it fires.
   */
  dueAt: string;
  attempts: number;
  lastError: string | null;
  retryAt: string | null;
  /**
   * When the timer was parked; null while it is still retried.
   */
  deadAt: string | null;
}
/**
 * An organisation taking part in the project (design unit, construction unit, ...), identified by its unified social credit code.
 */
export interface Unit3 {
  /**
   * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 digits and capital letters except I, O, S, V, Z. A code whose check character does not compute is accepted with a warning.
   */
  uscc: string;
  /**
   * Registered name of the organisation.
   */
  name: string;
}
/**
 * 一周一调度: every case submitted and not concluded, most urgent first, with its open tasks and the working days left on the day `at`.
 */
export interface WeeklyReport {
  keyProjects: KeyProjectFigures;
  report: 'weekly';
  at: string;
  summary: {
    inProgress: number;
    overdue: number;
    clockStopped: number;
    notYetAccepted: number;
    /**
     * Licences not yet reported to the provincial platform 5 working days after their issue.
     */
    licencesUnreported: number;
  };
  items: {
    id: string;
    workflow: string;
    workflowTitle?: string;
    applicant: string;
    project?: {
      code?: string | null;
      name?: string | null;
    };
    state?: unknown;
    status: string;
    submittedAt: string;
    acceptedAt?: string | null;
    dueAt?: string | null;
    limitWorkingDays?: number | null;
    clockStopped?: boolean;
    workingDaysLeft: number | null;
    overdue: boolean;
    provisional?: true;
    openTasks: {
      id: number;
      department: string;
      step: string;
      node?: string;
      openedAt?: string;
      dueAt: string;
      clockStopped?: boolean;
      workingDaysLeft: number | null;
      overdue: boolean;
      provisional?: true;
    }[];
  }[];
}
/**
 * A workflow as the list shows it: what it is, who takes part, which national stages it covers.
 */
export interface WorkflowSummary {
  id: string;
  version: number;
  title: string;
  /**
   * Departments that may hold tasks.
   */
  departments: string[];
  /**
   * National stage numbers covered (1–5).
   */
  stages: number[];
}
export interface Workflow1 {
  /**
   * Every state node in document order, the root first.
   */
  states: {
    id: string;
    path: string[];
    type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
    tags: string[];
    initial?: string;
    task?: Task1;
    stopsClock?: 'applicant' | 'rectify' | 'special';
    status?: string;
    description?: string;
    on: {
      event: string;
      targets: string[];
      guard?: string;
    }[];
  }[];
  /**
   * Event types handled anywhere.
   */
  events: string[];
  tasks: (Task1 & {
    state: string;
  })[];
  /**
   * Which events each kind of caller may ever send.
   */
  permissions: {
    applicant: string[];
    window: string[];
    department: string[];
  };
  maxExtensionDays: number;
  /**
   * The form's JSON Schema (draft 2020-12), as in schemas/.
   */
  formSchema: {};
  versions: number[];
}
export interface Task1 {
  department: string;
  action: string;
  /**
   * Working days.
   */
  limitDays: number;
  /**
   * The legal source of the time limit.
   */
  source?: string;
}
