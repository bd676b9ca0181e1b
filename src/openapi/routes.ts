/**
 * Every route the service mounts, as the OpenAPI document describes it (docs/api.md is the source of the words).
 * A route added to src/app.ts without an entry here fails test/openapi/openapi.test.ts.
 */
import { dateQuery, itemsOf, json, pageOf, ref, type RouteDoc } from './route-table.ts';

const APPLICATIONS = '/api/v1/applications';
const CASE = `${APPLICATIONS}/{id}`;

const STATUSES = [
  'draft',
  'submitted',
  'supplementing',
  'in_review',
  'suspended',
  'approved',
  'denied',
  'refused',
  'withdrawn',
  'concluded',
];

const CREATED = ['Location', 'Idempotent-Replayed'] as const;
const REPLAYABLE = ['Idempotent-Replayed'] as const;

/** The delegation actions: each sends one event of the agreement's workflow. */
const delegationActions: RouteDoc[] = [
  ['accept', 'acceptDelegation', 'Accept a proxy-handling request', 'agent', 'active'],
  ['refuse', 'refuseDelegation', 'Refuse a proxy-handling request', 'agent (with the reasons)', 'refused'],
  ['revoke', 'revokeDelegation', 'Revoke a proxy-handling agreement', 'applicant', 'revoked'],
  [
    'complete',
    'completeDelegation',
    'Conclude a proxy-handling agreement',
    'agent or applicant',
    'concluded',
  ],
].map(([action, operationId, summary, who, status]) => ({
  method: 'post',
  path: `/api/v1/delegations/{id}/${action}`,
  operationId,
  summary,
  description: `${who[0].toUpperCase()}${who.slice(1)}. The agreement becomes \`${status}\`. An optional body carries the reasons, kept on the agreement's record.`,
  tag: 'Delegations',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'delegation-action', validation: 'route', required: false },
  responses: {
    200: { description: `The agreement, now ${status}.`, content: json('delegation'), headers: REPLAYABLE },
  },
  problems: [403, 404, 409],
}));

export const ROUTES: readonly RouteDoc[] = [
  // Operations
  {
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness',
    description: 'The process answers.',
    tag: 'Operations',
    access: 'public',
    responses: {
      200: {
        description: 'Up.',
        content: json({ type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }),
      },
    },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    summary: 'Readiness',
    description: 'The database answers, takes writes, and its migrations are current.',
    tag: 'Operations',
    access: 'public',
    responses: {
      200: {
        description: 'Ready.',
        content: json({
          type: 'object',
          required: ['status', 'database'],
          properties: { status: { const: 'ready' }, database: { type: 'string', examples: ['sqlite'] } },
        }),
      },
      503: {
        description:
          'Migrating, the database does not answer, or it refuses writes (disk full, read-only); with `Retry-After`.',
        content: json({
          type: 'object',
          required: ['status'],
          properties: {
            status: { enum: ['migrating', 'unavailable', 'read-only'] },
            pendingMigrations: { type: 'array', items: { type: 'string' } },
            detail: { type: 'string' },
          },
        }),
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'prometheusMetrics',
    summary: 'Prometheus metrics',
    description:
      'Prometheus text exposition: request counters and latencies, open and overdue tasks per department (every known department, zero included), approval durations per workflow, computed from the database.',
    tag: 'Operations',
    access: 'public',
    responses: {
      200: {
        description: 'The exposition.',
        content: [{ mediaType: 'text/plain', schema: { type: 'string' } }],
      },
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This OpenAPI 3.1 document',
    description:
      'Built at start from the route table and the JSON Schemas in schemas/ that validate requests.',
    tag: 'Documentation',
    access: 'public',
    responses: { 200: { description: 'The document.', content: json({ type: 'object' }) } },
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'apiReference',
    summary: 'API reference page',
    description: 'An HTML reference of this document (Swagger UI, served from the installed package).',
    tag: 'Documentation',
    access: 'public',
    responses: {
      200: { description: 'The page.', content: [{ mediaType: 'text/html', schema: { type: 'string' } }] },
    },
  },

  // Development
  {
    method: 'post',
    path: '/api/v1/dev/token',
    operationId: 'signDevelopmentToken',
    summary: 'Development sign-in',
    description:
      'Signs a token for any role and organisation, so that the console can be tried without an identity provider. Only while the service runs on its generated development secret (no `JWT_SECRET` nor `JWT_PUBLIC_KEY`): 404 wherever a key is configured, in every `NODE_ENV`.',
    tag: 'Development',
    access: 'public',
    body: { schema: 'dev-sign-in', validation: 'route' },
    responses: { 201: { description: 'The token and its claims.', content: json('dev-token') } },
    problems: [404, 422],
  },

  // Workflows
  {
    method: 'get',
    path: '/api/v1/workflows',
    operationId: 'listWorkflows',
    summary: 'List workflows',
    description:
      'The latest version of every workflow. Public: anyone may read what a process is before filing.',
    tag: 'Workflows',
    access: 'public',
    responses: { 200: { description: 'The workflows.', content: json(itemsOf('workflow-summary')) } },
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{id}',
    operationId: 'getWorkflow',
    summary: 'Read a workflow definition',
    description: "The states with their tasks and time limits, the events, and the form's JSON Schema.",
    tag: 'Workflows',
    access: 'public',
    responses: { 200: { description: 'The definition.', content: json('workflow') } },
    problems: [404],
  },
  {
    method: 'get',
    path: '/api/v1/workflows/{id}/diagram',
    operationId: 'getWorkflowDiagram',
    summary: 'Workflow diagram',
    description: 'The statechart as Mermaid text.',
    tag: 'Workflows',
    access: 'public',
    responses: {
      200: {
        description: 'Mermaid `stateDiagram-v2` text.',
        content: [{ mediaType: 'text/plain', schema: { type: 'string' } }],
      },
    },
    problems: [404],
  },

  // Applications
  {
    method: 'post',
    path: APPLICATIONS,
    operationId: 'createApplication',
    summary: 'Create a draft application',
    description:
      'Applicant, or agent with an active delegation (then `applicant`, the USCC, is required). Creation checks the envelope only (known workflow, objects where objects belong); the form is validated at `SUBMIT`.',
    tag: 'Applications',
    access: 'bearer',
    idempotent: true,
    body: { schema: 'application-create', validation: 'parseBody' },
    responses: { 201: { description: 'The draft.', content: json('application'), headers: CREATED } },
    problems: [403],
  },
  {
    method: 'get',
    path: APPLICATIONS,
    operationId: 'listApplications',
    summary: 'List applications',
    description:
      "Scoped to the caller: applicants see their enterprise's cases; agents the cases inside an active delegation they hold; clerks the cases with a task of their department (and a liaison its enterprises' cases); auditors and admins all. Newest first.",
    tag: 'Applications',
    access: 'bearer',
    paged: true,
    query: [
      { name: 'status', description: 'Only cases in this status.', schema: { enum: STATUSES } },
      { name: 'workflow', description: 'Only cases of this workflow.', schema: { type: 'string' } },
      {
        name: 'department',
        description: 'Only cases with a task of this department.',
        schema: { type: 'string' },
      },
      {
        name: 'overdue',
        description: 'true: only cases past their deadline, or with a task past its own.',
        schema: { enum: ['true', 'false'] },
      },
      dateQuery('from', 'Submitted (created, for drafts) on or after this date.'),
      dateQuery('to', 'Submitted (created, for drafts) before this date (exclusive).'),
    ],
    responses: { 200: { description: 'One page of cases.', content: json(pageOf('application-summary')) } },
  },
  {
    method: 'get',
    path: CASE,
    operationId: 'getApplication',
    summary: 'Read an application',
    description: '`allowedEvents` lists the event types this caller may send now.',
    tag: 'Applications',
    access: 'bearer',
    responses: { 200: { description: 'The case.', content: json('application') } },
    problems: [404],
  },
  {
    method: 'patch',
    path: CASE,
    operationId: 'patchApplication',
    summary: 'Change a draft',
    description:
      'A JSON merge patch (RFC 7396) of `project` and `form` while the case is a draft (409 afterwards).',
    tag: 'Applications',
    access: 'bearer',
    body: {
      schema: 'application-patch',
      validation: 'parseBody',
      mediaTypes: ['application/merge-patch+json', 'application/json'],
    },
    responses: { 200: { description: 'The changed draft.', content: json('application') } },
    problems: [403, 404, 409, 422],
  },
  {
    method: 'post',
    path: `${CASE}/events`,
    operationId: 'sendEvent',
    summary: 'Send an event',
    description:
      "SUBMIT, SUPPLEMENT, WITHDRAW (applicant or agent); ACCEPT, ACCEPT_WITH_DEFICIENCIES, REQUEST_SUPPLEMENT, REFUSE, EXTEND, ISSUE (window clerk); APPROVE, REQUEST_SUPPLEMENT, DENY (department clerk, `department` = the clerk's own). What each type must carry is in the `event-content` schema (422 otherwise); the form is validated against the workflow's schema on SUBMIT. Checks run 401 → 404 → 400 → 403 → 422 → 409.",
    tag: 'Applications',
    access: 'bearer',
    idempotent: true,
    preferMinimal: true,
    body: { schema: 'event', validation: 'parseBody' },
    responses: {
      200: {
        description: 'The case after the event; only `{id, status, version}` with `Prefer: return=minimal`.',
        content: json({ anyOf: [ref('application'), ref('application-minimal')] }),
        headers: ['Preference-Applied', 'Idempotent-Replayed'],
      },
    },
    problems: [403, 404, 409],
  },
  {
    method: 'get',
    path: `${CASE}/history`,
    operationId: 'getApplicationHistory',
    summary: "Read a case's history",
    description:
      'Every record of the hash-chained audit log; seq 1 is CREATE. Refused attempts the contract records (off-checklist fees and inspections) appear with what was attempted in `data`.',
    tag: 'Applications',
    access: 'bearer',
    responses: { 200: { description: 'The history, oldest first.', content: json(itemsOf('history-item')) } },
    problems: [404],
  },
  {
    method: 'get',
    path: `${CASE}/verify`,
    operationId: 'verifyApplicationChain',
    summary: "Verify a case's hash chain",
    description: 'Auditor, admin: recomputes the hash chain of the audit log.',
    tag: 'Applications',
    access: 'bearer',
    responses: { 200: { description: 'The verification.', content: json('chain-verification') } },
    problems: [403, 404],
  },

  // Tasks
  {
    method: 'get',
    path: '/api/v1/tasks',
    operationId: 'listTasks',
    summary: 'Task inbox',
    description: 'By due date. Clerks see their own department only; auditors and admins any.',
    tag: 'Tasks',
    access: 'bearer',
    paged: true,
    query: [
      {
        name: 'status',
        description: 'open (default) or closed.',
        schema: { enum: ['open', 'closed'], default: 'open' },
      },
      {
        name: 'department',
        description: "A department code (a clerk's own only).",
        schema: { type: 'string' },
      },
    ],
    responses: { 200: { description: 'One page of tasks.', content: json(pageOf('task')) } },
    problems: [403],
  },

  // Checklist, fees, inspections
  {
    method: 'get',
    path: '/api/v1/checklist',
    operationId: 'getChecklist',
    summary: 'Read the checklist of fees and inspections',
    description: 'Public: anyone may read what may be charged and inspected.',
    tag: 'Checklist',
    access: 'public',
    responses: { 200: { description: 'The version in force.', content: json('published-checklist') } },
  },
  {
    method: 'put',
    path: '/api/v1/checklist',
    operationId: 'publishChecklist',
    summary: 'Publish a new checklist version',
    description:
      'Admin. The shape GET returns, without `version`; codes unique, every entry with a legal basis, at least one fee and one inspection (422 otherwise). Earlier assessments keep the version they used.',
    tag: 'Checklist',
    access: 'bearer',
    body: { schema: 'checklist', validation: 'schema' },
    responses: { 201: { description: 'The new version.', content: json('published-checklist') } },
    problems: [403, 422],
  },
  {
    method: 'post',
    path: `${CASE}/fees`,
    operationId: 'assessFee',
    summary: 'Assess a fee',
    description:
      "Clerk. The amount comes from the checklist rate and the case's facts. A code not on the checklist is 422 `not-on-checklist`, and the attempt is in the audit log.",
    tag: 'Fees',
    access: 'bearer',
    idempotent: true,
    body: { schema: 'fee-assess', validation: 'parseBody' },
    responses: { 201: { description: 'The fee, assessed.', content: json('fee'), headers: CREATED } },
    problems: [403, 404, 409],
  },
  {
    method: 'post',
    path: `${CASE}/fees/{feeId}/pay`,
    operationId: 'payFee',
    summary: 'Report a fee paid',
    description: 'Applicant or agent.',
    tag: 'Fees',
    access: 'bearer',
    idempotent: true,
    body: { schema: 'fee-payment', validation: 'parseBody' },
    responses: { 200: { description: 'The fee, paid.', content: json('fee'), headers: REPLAYABLE } },
    problems: [403, 404, 409],
  },
  {
    method: 'post',
    path: `${CASE}/fees/{feeId}/waive`,
    operationId: 'waiveFee',
    summary: 'Waive a fee',
    description: 'Clerk, with the reason.',
    tag: 'Fees',
    access: 'bearer',
    idempotent: true,
    body: { schema: 'fee-waiver', validation: 'parseBody' },
    responses: { 200: { description: 'The fee, waived.', content: json('fee'), headers: REPLAYABLE } },
    problems: [403, 404, 409],
  },
  {
    method: 'post',
    path: `${CASE}/inspections`,
    operationId: 'scheduleInspection',
    summary: 'Schedule an inspection',
    description:
      "Clerk of the item's department. An item off the checklist is 422 `not-on-checklist`, and the attempt is in the audit log.",
    tag: 'Inspections',
    access: 'bearer',
    idempotent: true,
    body: { schema: 'inspection-schedule', validation: 'parseBody' },
    responses: {
      201: { description: 'The inspection, scheduled.', content: json('inspection'), headers: CREATED },
    },
    problems: [403, 404, 409],
  },
  {
    method: 'post',
    path: `${CASE}/inspections/{inspectionId}/result`,
    operationId: 'recordInspectionResult',
    summary: "Record an inspection's result",
    description: "Clerk of the item's department. A failure needs findings and opens rectification.",
    tag: 'Inspections',
    access: 'bearer',
    idempotent: true,
    body: { schema: 'inspection-result', validation: 'parseBody' },
    responses: {
      200: {
        description: 'The inspection with its result.',
        content: json('inspection'),
        headers: REPLAYABLE,
      },
    },
    problems: [403, 404, 409],
  },

  // Delegations and liaisons
  {
    method: 'post',
    path: '/api/v1/delegations',
    operationId: 'requestDelegation',
    summary: 'Request proxy handling',
    description:
      "Applicant. Without `stages` and `applications` it covers all of the enterprise's cases; without `agent` any agent may accept, and the one who accepts holds it.",
    tag: 'Delegations',
    access: 'bearer',
    idempotent: true,
    body: { schema: 'delegation-request', validation: 'parseBody' },
    responses: { 201: { description: 'The request.', content: json('delegation'), headers: CREATED } },
    problems: [403],
  },
  {
    method: 'get',
    path: '/api/v1/delegations',
    operationId: 'listDelegations',
    summary: 'List proxy-handling agreements',
    description:
      'The enterprise its own; an agent the ones naming it, open requests naming nobody and the ones it holds; auditors and admins all.',
    tag: 'Delegations',
    access: 'bearer',
    paged: true,
    responses: { 200: { description: 'One page of agreements.', content: json(pageOf('delegation')) } },
    problems: [403],
  },
  {
    method: 'get',
    path: '/api/v1/delegations/{id}',
    operationId: 'getDelegation',
    summary: 'Read a proxy-handling agreement',
    description: "With its record and every act done under it in the enterprise's name.",
    tag: 'Delegations',
    access: 'bearer',
    responses: { 200: { description: 'The agreement.', content: json('delegation-detail') } },
    problems: [403, 404],
  },
  ...delegationActions,
  {
    method: 'put',
    path: '/api/v1/enterprises/{uscc}/liaison',
    operationId: 'setLiaison',
    summary: "Name an enterprise's liaison",
    description: "Admin: names the enterprise's one-to-one liaison (a clerk's `sub`).",
    tag: 'Enterprises',
    access: 'bearer',
    body: { schema: 'liaison', validation: 'parseBody' },
    responses: { 200: { description: 'The assignment.', content: json('liaison-assignment') } },
    problems: [403, 422],
  },
  {
    method: 'get',
    path: '/api/v1/enterprises/{uscc}/liaison',
    operationId: 'getLiaison',
    summary: "Read an enterprise's liaison",
    description: 'An applicant sees its own enterprise only.',
    tag: 'Enterprises',
    access: 'bearer',
    responses: {
      200: { description: 'The assignment (clerk null when none).', content: json('liaison-assignment') },
    },
    problems: [403],
  },

  // Metrics and reports
  {
    method: 'get',
    path: '/api/v1/metrics/approval-times',
    operationId: 'getApprovalTimes',
    summary: 'Time-to-approval metrics',
    description:
      'Auditor, admin. With `groupBy=month|workflow` the rows are cases decided after acceptance with `concludedAt` in [from, to); with `groupBy=department|step` tasks closed in the period. `Accept: text/csv` returns the same rows as CSV with a header line.',
    tag: 'Metrics',
    access: 'bearer',
    query: [
      { name: 'workflow', description: 'Only this workflow.', schema: { type: 'string' } },
      { name: 'department', description: 'Only this department.', schema: { type: 'string' } },
      dateQuery('from', 'From this date (Asia/Shanghai), inclusive.'),
      dateQuery('to', 'To this date (Asia/Shanghai), exclusive.'),
      {
        name: 'groupBy',
        description: 'How rows are grouped (month by default).',
        schema: { enum: ['month', 'workflow', 'department', 'step'], default: 'month' },
      },
    ],
    responses: {
      200: {
        description: 'The rows, as JSON or (with `Accept: text/csv`) CSV.',
        content: [
          { mediaType: 'application/json', schema: itemsOf('approval-times-row') },
          {
            mediaType: 'text/csv',
            schema: {
              type: 'string',
              description:
                'A header line (group,concluded,meanWorkingDays,medianWorkingDays,p90WorkingDays,maxWorkingDays,onTimeRate,limitWorkingDays,overdueOpen), then one line per row.',
            },
          },
        ],
        headers: ['Content-Disposition'],
      },
    },
    problems: [400, 403],
  },
  {
    method: 'get',
    path: '/api/v1/metrics/backlog',
    operationId: 'getBacklog',
    summary: 'Backlog per department',
    description: 'Auditor, admin: open tasks and overdue tasks per department.',
    tag: 'Metrics',
    access: 'bearer',
    responses: { 200: { description: 'One row per department.', content: json(itemsOf('backlog-row')) } },
    problems: [403],
  },
  ...(
    [
      ['weekly', 'getWeeklyReport', 'Weekly dispatch (一周一调度): every case in progress'],
      ['biweekly', 'getBiweeklyReport', 'Biweekly watch list (半月一督查): late and at-risk tasks'],
      ['monthly', 'getMonthlyReport', 'Monthly bulletin (一月一通报) by department and workflow'],
    ] as const
  ).map(([report, operationId, summary]): RouteDoc => ({
    method: 'get',
    path: `/api/v1/reports/${report}`,
    operationId,
    summary,
    description: 'Auditor, admin.',
    tag: 'Reports',
    access: 'bearer',
    query: [
      dateQuery('at', 'The day the report is made for (today in Asia/Shanghai when absent), 2000–2099.'),
    ],
    responses: { 200: { description: `The ${report} report.`, content: json(`${report}-report`) } },
    problems: [400, 403],
  })),

  // Administration
  {
    method: 'post',
    path: '/api/v1/admin/import',
    operationId: 'importApplications',
    summary: 'Import past applications',
    description:
      'Admin. One historical application per line (NDJSON, up to 64 MiB), each an `import-line`; each line is replayed through its workflow with the given times, so only valid histories enter. A bad line changes nothing and does not stop the others.',
    tag: 'Administration',
    access: 'bearer',
    idempotent: true,
    body: {
      schema: 'import-line',
      validation: 'schema',
      mediaTypes: ['application/x-ndjson'],
      description: 'One JSON object per line, each of this schema.',
    },
    responses: {
      200: {
        description: 'One result per input line, in input order (NDJSON).',
        content: [{ mediaType: 'application/x-ndjson', schema: 'import-result' }],
        headers: REPLAYABLE,
      },
    },
    problems: [403, 415],
  },
  {
    method: 'get',
    path: '/api/v1/admin/timers',
    operationId: 'listTroubledTimers',
    summary: 'Timers whose event failed',
    description:
      'Admin. A timer whose event fails is retried with backoff and, after its last attempt, parked as dead (the case waits for a person). `status=dead` (the default) lists the parked ones, `status=retrying` the ones still retried; oldest due first.',
    tag: 'Administration',
    access: 'bearer',
    query: [
      {
        name: 'status',
        description: '`dead` (default) or `retrying`.',
        schema: { type: 'string', enum: ['dead', 'retrying'] },
      },
      {
        name: 'limit',
        description: 'At most this many, 1–500 (50 unless told).',
        schema: { type: 'integer', minimum: 1, maximum: 500 },
      },
    ],
    responses: { 200: { description: 'The timers.', content: json(itemsOf('timer')) } },
    problems: [400, 403],
  },
  {
    method: 'post',
    path: '/api/v1/admin/timers/{id}/retry',
    operationId: 'retryTimer',
    summary: 'Give a failed timer a fresh start',
    description:
      'Admin, once the cause of the failures is fixed: the timer is no longer dead, its attempts start again from zero, and the next sweep fires it (recorded at its due time).',
    tag: 'Administration',
    access: 'bearer',
    idempotent: true,
    responses: {
      200: { description: 'The timer, due again.', content: json('timer'), headers: REPLAYABLE },
    },
    problems: [400, 403, 404],
  },
  {
    method: 'get',
    path: '/api/v1/calendar/{year}',
    operationId: 'getCalendarYear',
    summary: 'Read a year of the working calendar',
    description: 'Public. 404 while the year is unpublished (figures that need it are provisional).',
    tag: 'Calendar',
    access: 'public',
    responses: { 200: { description: 'The year.', content: json('calendar') } },
    problems: [400, 404],
  },
  {
    method: 'put',
    path: '/api/v1/calendar/{year}',
    operationId: 'publishCalendarYear',
    summary: 'Publish a year of the working calendar',
    description:
      'Admin. Answers once the year is stored; the stored figures that depend on it are recomputed in the background by the next scheduler round (every instance uses the new year from its next round).',
    tag: 'Calendar',
    access: 'bearer',
    body: { schema: 'calendar-year', validation: 'route' },
    responses: {
      200: {
        description: 'The year as stored; the recomputation of its figures is queued.',
        content: json({
          type: 'object',
          required: ['year', 'workingDays', 'recomputation'],
          properties: {
            year: { type: 'integer' },
            workingDays: { type: 'integer' },
            recomputation: { const: 'queued' },
          },
        }),
      },
    },
    problems: [403, 422],
  },
];
