/**
 * The engine observer of the investment pre-review: it keeps `investment_reviews` (the figures' rows) and
 * tells the investor of a decision or a deferral, in the event's transaction, whatever path the event took.
 */
import type { ColumnReader, EventStore } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { CommittedEvent, EventObserver } from '../engine/types.ts';
import { projectOf, type MessageContent } from '../notifications/message.ts';
import { caseRecipients } from '../notifications/recipients.ts';
import { insertMessage } from '../notifications/store.ts';
import type { InvestmentReviewContext } from '../../workflows/investment-review.ts';
import { reviewDecidedMessage, reviewDeferredMessage } from './review-messages.ts';

/** What the observer needs: the workflows and how columns read, and whether a webhook receives messages. */
export interface ReviewObserverDeps {
  registry: WorkflowRegistry;
  reader: ColumnReader;
  webhook: boolean;
}

const DECIDED = ['passed', 'passed-with-conditions', 'rejected'];
const ENDED = ['lapsed', 'withdrawn'];

/** Builds the observer the service registers with `engine.observe`. */
export function reviewObserver(deps: ReviewObserverDeps): EventObserver {
  return async (store, committed) => {
    const app = committed.application;
    if (app.workflowId !== 'investment-review') return;
    const context = (committed.after.context ?? {}) as InvestmentReviewContext;
    if (committed.type === 'SUBMIT') {
      await store.insert('investment_reviews', {
        case_id: app.id,
        applicant: app.applicant,
        project_code: typeof app.project.code === 'string' ? app.project.code : null,
        industry: context.industry ?? '',
        batch: context.batch ?? '',
        filed_at: committed.at,
        cut_off_at: context.cutOffAt ?? committed.at,
      });
      return;
    }
    const outcome = String(committed.data?.outcome ?? '');
    if (DECIDED.includes(outcome) || ENDED.includes(app.status)) {
      await store.query(
        'update investment_reviews set outcome = ?, decided_at = ?, reasons = ?, conditions = ? where case_id = ?',
        [
          DECIDED.includes(outcome) ? outcome : app.status,
          committed.at,
          JSON.stringify(committed.data?.reasons ?? []),
          JSON.stringify(committed.data?.conditions ?? []),
          app.id,
        ],
      );
    }
    if (committed.replayed) return;
    const content = await messageFor(store, committed, outcome);
    if (!content) return;
    await insertMessage(
      store,
      {
        ...content,
        applicationId: app.id,
        project: projectOf(app.project),
        recipients: await caseRecipients(store, deps.reader, deps.registry, app, committed.at),
        dedupeKey: `event:${app.id}:${committed.seq}:${content.code}`,
        createdAt: committed.at,
      },
      { webhook: deps.webhook },
    );
  };
}

async function messageFor(
  store: EventStore,
  c: CommittedEvent,
  outcome: string,
): Promise<MessageContent | null> {
  const project = projectOf(c.application.project);
  if (DECIDED.includes(outcome)) {
    return reviewDecidedMessage({
      project,
      outcome: outcome as 'passed' | 'passed-with-conditions' | 'rejected',
      conditions: Array.isArray(c.data?.conditions) ? c.data.conditions.map(String) : [],
      reasons: Array.isArray(c.data?.reasons) ? c.data.reasons.map(String) : [],
    });
  }
  if (outcome === 'deferred') {
    const [timer] = await store.query(
      'select due_at from timers where application_id = ? and timer_key = ?',
      [c.application.id, 'information-due'],
    );
    return reviewDeferredMessage({ project, dueAt: timer ? String(timer.due_at) : null });
  }
  return null;
}
