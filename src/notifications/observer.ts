/**
 * The engine observer that turns committed events into messages (docs/architecture.md, "Observers"): the
 * message is stored in the event's transaction, so it exists exactly when the event does, whatever path the
 * event took; delivery to the webhook happens later, through the outbox, outside every transaction.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { ColumnReader, EventStore } from '../db/index.ts';
import { activeSpecialProcedures, activeTasks } from '../engine/machine-state.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { CommittedEvent, EventObserver } from '../engine/types.ts';
import { projectOf, type MessageContent, type NewMessage } from './message.ts';
import {
  acceptedMessage,
  deniedMessage,
  departmentDecidedMessage,
  feeAssessedMessage,
  inspectionScheduledMessage,
  refusedMessage,
  supplementRequestedMessage,
  type MaterialRequest,
} from './message-text.ts';
import {
  expertReviewCapReachedMessage,
  expertReviewEndedMessage,
  expertReviewStartedMessage,
} from './expert-review-messages.ts';
import { chineseLabel, departmentName, workflowName } from './names.ts';
import { caseRecipients } from './recipients.ts';
import { holdMessage } from './store.ts';

/** What the observer needs: the workflows, how columns read, and whether a webhook receives messages. */
export interface NotificationDeps {
  registry: WorkflowRegistry;
  reader: ColumnReader;
  /** Queue each message for `NOTIFY_WEBHOOK_URL` (through the outbox). */
  webhook: boolean;
}

/** Builds the observer the service registers with `engine.observe`. */
export function notificationObserver(deps: NotificationDeps): EventObserver {
  return async (store, committed) => {
    // Past history replayed by the import: nobody is told of it.
    if (committed.replayed) return;
    const def = deps.registry.get(committed.application.workflowId, committed.application.workflowVersion);
    if (def.kind === 'agreement') return;
    const content = await contentOf(store, deps, committed);
    if (!content) return;
    const app = committed.application;
    const message: NewMessage = {
      ...content,
      applicationId: app.id,
      project: projectOf(app.project),
      recipients: await caseRecipients(store, deps.reader, deps.registry, app, committed.at),
      dedupeKey: `event:${app.id}:${committed.seq}:${content.code}`,
      createdAt: committed.at,
    };
    await holdMessage(store, message, { webhook: deps.webhook });
  };
}

/** The message an event calls for, if any. */
async function contentOf(
  store: EventStore,
  deps: NotificationDeps,
  c: CommittedEvent,
): Promise<MessageContent | null> {
  const app = c.application;
  const def = deps.registry.get(app.workflowId, app.workflowVersion);
  const project = projectOf(app.project);
  const data = c.data ?? {};
  const department = departmentName(c.actor.org);
  const workflow = workflowName(app.workflowId);
  // Acceptance is the first acceptance event that takes the case out of intake.
  if (def.acceptanceEvents.includes(c.type) && c.previousStatus === 'submitted' && app.acceptedAt === c.at) {
    const items = Array.isArray(data.items) ? data.items.map(String) : [];
    return acceptedMessage({
      project,
      workflowName: workflow,
      acceptedAt: c.at,
      limitWorkingDays: app.limitWorkingDays,
      dueAt: app.dueAt,
      pledge: typeof data.pledgeDate === 'string' ? { date: data.pledgeDate, items } : null,
    });
  }
  switch (c.type) {
    case 'REQUEST_SUPPLEMENT':
      return supplementRequestedMessage({
        project,
        department,
        materials: materialsOf(data.materials),
        comment: c.comment,
      });
    case 'APPROVE':
      return departmentDecidedMessage({
        project,
        department,
        decidedAt: c.at,
        remaining: [...activeTasks(c.after).values()]
          .filter((t) => t.action !== 'intake' && t.action !== 'issue')
          .map((t) => departmentName(t.department)),
      });
    case 'DENY':
      return deniedMessage({ project, workflowName: workflow, department, reasons: c.comment });
    case 'REFUSE':
      return refusedMessage({ project, workflowName: workflow, reasons: c.comment });
    case 'START_EXPERT_REVIEW': {
      const [timer] = await store.query(
        'select due_at from timers where application_id = ? and timer_key = ?',
        [app.id, 'expert-review-cap'],
      );
      return expertReviewStartedMessage({
        project,
        department,
        reason: c.comment,
        capDays: expertReviewOf(c.after)?.capDays ?? 0,
        endsBy: timer ? String(timer.due_at) : null,
      });
    }
    case 'RECORD_EXPERT_OPINION':
      return expertReviewEndedMessage({ project, department, endedAt: c.at, opinion: c.comment });
    case 'EXPERT_REVIEW_CAP_REACHED': {
      const review = c.before ? expertReviewOf(c.before) : undefined;
      return expertReviewCapReachedMessage({
        project,
        department: departmentName(review?.department),
        endedAt: c.at,
        capDays: review?.capDays ?? 0,
      });
    }
    case 'FEE_ASSESSED': {
      const [fee] = await store.query('select name, amount from fees where id = ?', [Number(data.feeId)]);
      if (!fee) return null;
      return feeAssessedMessage({
        project,
        feeName: chineseLabel(String(fee.name)),
        amount: Number(fee.amount),
      });
    }
    case 'INSPECTION_SCHEDULED': {
      const [inspection] = await store.query(
        'select name, department, scheduled_at from inspections where id = ?',
        [Number(data.inspectionId)],
      );
      if (!inspection) return null;
      return inspectionScheduledMessage({
        project,
        inspectionName: chineseLabel(String(inspection.name)),
        department: departmentName(String(inspection.department)),
        scheduledAt: String(inspection.scheduled_at),
      });
    }
    default:
      return null;
  }
}

/** The expert review running in a snapshot: its cap, and the department whose task node holds it. */
function expertReviewOf(snapshot: AnyMachineSnapshot): { department: string; capDays: number } | undefined {
  const [entry] = [...activeSpecialProcedures(snapshot)].filter(([, m]) => m.kind === 'expert-review');
  if (!entry) return undefined;
  const [node, meta] = entry;
  const task = [...activeTasks(snapshot)].find(([taskNode]) => node.startsWith(`${taskNode}.`));
  return { department: task?.[1].department ?? '', capDays: meta.capDays };
}

/** `data.materials` of a supplement request (the materials feature), kept to what a message shows. */
function materialsOf(value: unknown): MaterialRequest[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
    .filter((m) => typeof m.code === 'string')
    .map((m) => ({
      code: String(m.code),
      reason: typeof m.reason === 'string' ? m.reason : null,
      name: typeof m.name === 'string' ? m.name : null,
    }));
}
