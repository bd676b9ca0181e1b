/** The console's words in English, key for key with `zh.ts` (the compiler checks that none is missing). */
import { enEveryday } from './en-everyday.ts';
import { enDomain } from './en-domain.ts';
import { enLists } from './en-lists.ts';
import { enGuide } from './en-guide.ts';
import { enPapers } from './en-papers.ts';
import { enSupervision } from './en-supervision.ts';
import { enAdmin } from './en-admin.ts';
import type { MessageKey } from './zh.ts';
import { enProjects } from './en-projects.ts';
import { enSpecialProcedure } from './en-special-procedure.ts';
import { enPledge } from './en-pledge.ts';
import { enExperts } from './en-experts.ts';
import { enTaskForces } from './en-task-forces.ts';
import { enRatings } from './en-ratings.ts';

export const en: Record<MessageKey, string> = {
  ...enDomain,
  ...enLists,
  ...enGuide,
  ...enPapers,
  ...enSupervision,
  'app.name': 'Zero trips · construction approvals',
  'lang.switch': '中文',

  'nav.label': 'Main navigation',
  'nav.skip': 'Skip to the main content',
  'nav.signOut': 'Sign out',
  'nav.guide': 'Guide',
  'nav.myCases': 'My cases',
  'nav.newApplication': 'New application',
  'nav.delegations': 'Proxy handling',
  'nav.agent': 'Agent desk',
  'nav.inbox': 'Inbox',
  'nav.audit': 'Approval times',
  'nav.reports': 'Supervision reports',
  'nav.allCases': 'All cases',

  'common.loading': 'Loading…',
  'common.status': 'Status',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.refresh': 'Refresh',

  'signIn.lead': 'File online, departments review in parallel, one result comes back: no trips.',
  'signIn.development': 'Development sign-in',
  'signIn.developmentHint':
    'In development you pick who you are; in production you sign in with the government identity provider.',
  'signIn.role': 'Role',
  'signIn.department': 'Department',
  'signIn.uscc': "Enterprise's unified social credit code",
  'signIn.team': 'Service team code',
  'signIn.sub': 'User id (optional)',
  'signIn.subPlaceholder': 'made from the role when empty',
  'signIn.name': 'Name (optional)',
  'signIn.submit': 'Sign in',
  'signIn.production':
    'Sign in with the government identity provider; it brings you back here. You may also paste a token it issued.',
  'signIn.paste': 'Sign in with a token',
  'signIn.token': 'Token (JWT)',
  'signIn.useToken': 'Use this token',
  'signIn.badToken': 'This is not a usable token (malformed or expired).',
  'signIn.refusedFragment':
    'The token handed over by the identity provider cannot be used; please sign in again.',
  'signIn.provider': 'Sign in with the government identity service',
  'signIn.providerHint':
    'Enterprises sign in with their legal-person account, staff with their own; you come back here afterwards.',

  'cases.mine': 'My cases',
  'cases.all': 'All cases',
  'cases.none': 'No cases yet.',

  'case.unnamed': '(unnamed project)',
  'case.filedOn': 'filed {date}',
  'case.dueOn': 'due {date}',
  'case.nextAction': 'Next:',
  'case.decisions': 'What you can do now',
  'case.completeDraft': 'Complete and submit the form',
  'case.lanes': "Every department's lane, in parallel",
  'case.form': 'Application form',
  'case.diagram': 'Workflow',
  'case.applicant': 'Developer {uscc}',
  'case.projectCode': 'project code {code}',
  'case.submittedAt': 'Submitted',
  'case.acceptedAt': 'Accepted',
  'case.deemed': 'deemed accepted',
  'case.concludedAt': 'Concluded',
  'case.dueAt': 'Statutory deadline',
  'case.workingDays': 'Working days used',
  'case.ofLimit': '{net} of {limit} working days',
  'case.late': 'late',
  'case.liaison': 'One-to-one liaison',

  'draft.newTitle': 'New application',
  'draft.editTitle': 'Application form',
  'draft.toCase': 'Open the case',
  'draft.chooseWorkflow': 'What do you apply for?',
  'draft.stages': 'stage {stages}',
  'draft.hint':
    'Fields marked * are required. You may save a draft; on submission every field is checked and problems are shown under it.',
  'draft.project': 'Project',
  'draft.form': 'Form',
  'draft.submit': 'Submit',
  'draft.save': 'Save draft',
  'draft.materialsAfterSave':
    'Save the draft to upload its materials; which are needed follows from the form.',
  'draft.saved': 'Draft saved.',
  'draft.fixErrors': '{count} field(s) to correct:',

  'form.choose': '— choose —',
  'form.required': '(required)',
  'form.example': 'e.g. {example}',
  'punct.listSep': '; ',
  'punct.colon': ': ',
  'example.project.name': 'Jingdezhen Ceramic Materials Plant, Phase II',
  'example.project.applicantName': 'Jingdezhen Ceramic Materials Co., Ltd.',
  'example.location': 'No. 88 Xinchang Road, Changjiang District, Jingdezhen',
  'example.name': 'Changjiang Construction Engineering Co.',
  'form.onePerLine': '(one per line)',
  'form.empty': 'Nothing filled in.',

  'decisions.none': 'Nothing for you to decide now.',
  'decisions.comment': 'Comment (optional)',
  'decisions.commentRequired': 'Comment (required)',
  'decisions.extendDays': 'Extra working days (1–{max})',
  'decisions.missingItems': 'Missing papers (one per line)',
  'decisions.pledgeDate': 'Pledged by',

  'lanes.noTask': 'Not needed for this case, or not reached yet.',
  'lanes.due': 'due {date}',
  'lanes.closedAt': 'done {date}',
  'lanes.days': '{net} of {limit} working days used',

  'task.open': 'open',
  'task.closed': 'done',
  'task.overdue': 'overdue',
  'task.clockStopped': 'clock stopped',

  'supplements.title': 'Requests for supplements',
  'supplements.none': 'No requests for supplements.',
  'supplements.open': 'open',
  'supplements.answered': 'answered',
  'supplements.pledged': 'Pledged by {date}:',

  'fees.title': 'Fees to pay',
  'fees.none': 'No fees assessed.',
  'fees.item': 'Fee',
  'fees.quantity': 'Quantity',
  'fees.amount': 'Amount',
  'fees.action': 'Action',
  'fees.version': '{code} · checklist version {version}',
  'fees.paymentRef': 'Payment reference',
  'fees.pay': 'Pay',
  'fees.waiveReason': 'Reason for waiving',
  'fees.waive': 'Waive',
  'fees.assess': 'Assess a fee',
  'fees.fromChecklist': 'From the checklist (version {version})',
  'fees.basis': 'Legal basis: {basis}',
  'fees.rate': 'Rate: {rate} per {unit}',
  'fees.rateVaries': ' (varies with the project; the assessment decides)',
  'fees.assessButton': 'Assess',

  'inspections.title': 'Inspections',
  'inspections.required': 'Inspections this project needs',
  'inspections.none': 'No inspections scheduled.',
  'inspections.item': 'Inspection',
  'inspections.department': 'Department',
  'inspections.date': 'Date',
  'inspections.result': 'Result',
  'inspections.schedule': 'Schedule an inspection',
  'inspections.fromChecklist': 'From the checklist (version {version})',
  'inspections.noneForYou': 'The checklist has no inspection your department carries out in this workflow.',
  'inspections.when': 'When (Beijing time)',
  'inspections.scheduleButton': 'Schedule',
  'inspections.pass': 'Pass',
  'inspections.fail': 'Fail',
  'inspections.findings': 'Findings',
  'inspections.record': 'Record the result',

  'history.title': 'History',
  'history.at': 'When',
  'history.event': 'What',
  'history.actor': 'Who',
  'history.statusAfter': 'Status after',
  'history.comment': 'Comment',
  'history.system': 'System',
  'history.record': 'Record',
  'due.provisional': 'provisional: weekends only',
  'due.provisionalYears': '(the {years} holiday calendar is not published yet; recounted once it is)',
  'due.provisionalReason': "(a year's holiday calendar is not published yet; recounted once it is)",
  'next.waitWindow': 'Nothing to do: the single window is working on the case.',
  'outcome.APPROVE': 'approved',
  'outcome.DENY': 'denied',
  'outcome.REQUEST_SUPPLEMENT': 'supplement requested',
  'outcome.ACCEPT': 'accepted',
  'outcome.ACCEPT_WITH_DEFICIENCIES': 'accepted with deficiencies',
  'outcome.REFUSE': 'refused',
  'outcome.ISSUE': 'issued',
  'outcome.WITHDRAW': 'withdrawn by the applicant',
  'history.clerkOf': '{dept}',
  'history.enterprise': 'enterprise {uscc}',
  'history.feeAssessed': 'assessed {fee}: {amount}',
  'history.feePaid': 'paid {fee}',
  'history.feeWaived': 'waived {fee}',
  'history.inspectionScheduled': 'scheduled {inspection} for {at}',
  'history.inspectionRecorded': 'recorded {inspection}: {result}',
  'history.extended': 'extended the time limit by {days} working days',
  'history.deficiencies': 'accepted with deficiencies: {items} missing, pledged by {date}',
  'history.setTo': '{label} set to {value}',
  'history.onBehalfOf': ' (on behalf of {enterprise})',

  'diagram.current': 'Current',
  'diagram.legend':
    'The highlighted states are where the case is now; regions marked "parallel" run at the same time.',
  'diagram.parallel': '(parallel)',
  'diagram.task': '{department} {step} ({days} working days)',
  'diagram.clockStopped': 'clock stopped ({who})',

  'verify.title': 'Chain verification',
  'verify.button': 'Verify the history',
  'verify.ok': 'Verified: the hash chain of {checked} records is intact.',
  'verify.bad': 'Verification failed: {checked} records, altered from record {seq}.',
  'verify.caseId': 'Case id',
  'verify.choose': 'Choose',

  'delegations.title': 'Proxy handling',
  'delegations.lead':
    "Ask the government's service team to carry your approvals. Every act of the agent is recorded as done on your behalf; you may revoke at any time.",
  'delegations.grant': 'New agreement',
  'delegations.list': 'Agreements',
  'delegations.agent': "Agent's user id (optional)",
  'delegations.agentHint': 'Leave empty and any agent of the service team may accept.',
  'delegations.scope': 'Scope',
  'delegations.allCases': 'All our cases',
  'delegations.someStages': 'Chosen stages',
  'delegations.cases': '{count} case(s)',
  'delegations.expires': 'Ends on',
  'delegations.note': 'Note',
  'delegations.grantButton': 'Request proxy handling',
  'delegations.granted': 'Requested; waiting for an agent to accept.',
  'delegations.none': 'No agreements.',
  'delegations.holder': 'Agent',
  'delegations.enterprise': 'Enterprise',
  'delegations.anyAgent': 'any agent',
  'delegations.accept': 'Accept',
  'delegations.refuse': 'Refuse',
  'delegations.revoke': 'Revoke',
  'delegations.complete': 'Conclude',
  'delegations.refuseReason': 'The service team cannot take this agreement.',

  'agent.title': 'Agent desk',
  'agent.lead':
    'You act on behalf of enterprises: everything you do here is done in their name and recorded as such.',
  'agent.agreements': 'Agreements',
  'agent.enterprise': 'Enterprise {enterprise}',
  'agent.onBehalf': 'on behalf of {enterprise}',
  'agent.actingFor': 'You are acting on behalf of {enterprise}; every act is recorded as done for it.',
  'agent.file': 'File for this enterprise',
  'agent.noEnterprises': 'No active agreements.',
  'agent.chooseEnterprise': 'Choose the enterprise on the agent desk first.',

  'inbox.title': '{department} · inbox',
  'inbox.summary': '{open} open task(s), {overdue} overdue. Sorted by due date.',
  'inbox.tableLabel': 'Open tasks',
  'inbox.empty': 'Nothing in the inbox.',
  'inbox.due': 'Due',
  'inbox.case': 'Case',
  'inbox.step': 'Step',
  'inbox.opened': 'Received',

  'bell.word': 'Messages',
  'bell.unread': 'Messages: {count} unread',
  'bell.none': 'Messages: none unread',
  'notifications.title': 'Messages',
  'notifications.summary': '{unread} unread.',
  'notifications.empty': 'No messages yet.',
  'notifications.unread': 'Unread',
  'notifications.markRead': 'Mark as read',
  'notifications.more': 'More messages',
  'notifications.case': 'Open the case',

  'notFound.title': 'No such page',
  'notFound.home': 'Back to the start',

  // projects
  ...enProjects,

  // special procedure
  ...enSpecialProcedure,

  // pledge
  ...enPledge,

  // expert review
  ...enExperts,

  // task forces
  ...enTaskForces,

  // ratings
  ...enRatings,

  // admin screens
  ...enAdmin,

  // everyday console
  ...enEveryday,
};
