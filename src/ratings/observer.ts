/**
 * The ratings' engine observer (docs/architecture.md, "Observers"): every event of a follow-up case, on every
 * path (a request, the contact timer), copies the follow-up's outcome onto its rating in the same transaction,
 * so that the figures read one table; the department's contact and answer are messages to the rater (the
 * enterprise, or the agent who rated), who alone is told; a late contact and an appeal are messages to the
 * supervisors (administrators).
 */
import type { EventStore } from '../db/index.ts';
import type { CommittedEvent, EventObserver } from '../engine/types.ts';
import { departmentName } from '../notifications/names.ts';
import { projectOf } from '../notifications/message.ts';
import { insertMessage } from '../notifications/store.ts';
import type { RatingFollowUpContext } from '../../workflows/rating-follow-up.ts';
import { recordFollowUpOutcome } from './store.ts';
import { tellSupervisors } from './supervisor-messages.ts';

/** The workflow whose cases are the follow-ups of bad ratings. */
export const FOLLOW_UP_WORKFLOW = 'rating-follow-up';

/** Builds the observer the service registers with `engine.observe`; `webhook`: queue messages for it too. */
export function ratingFollowUpObserver(options: { webhook: boolean }): EventObserver {
  return async (store, committed) => {
    const app = committed.application;
    if (app.workflowId !== FOLLOW_UP_WORKFLOW || committed.type === 'CREATE') return;
    const context = committed.after.context as RatingFollowUpContext;
    await recordFollowUpOutcome(store, {
      followUpId: app.id,
      status: app.status,
      // On time: answered to the rater by the end of the follow-up's limit.
      rectifiedOnTime:
        context.answeredAt === null ? null : Date.parse(context.answeredAt) <= Date.parse(context.dueAt),
      followUpLevel: context.followUpLevel,
      ...(app.status === 'excluded' ? { excluded: { at: committed.at, reason: committed.comment } } : {}),
    });
    // The department reaches the rater only through the service: its contact note and its answer.
    const code =
      committed.type === 'CONTACT'
        ? 'rating-contacted'
        : committed.type === 'ANSWER'
          ? 'rating-answered'
          : null;
    if (committed.replayed) return;
    if (code) await tellRater(store, committed, context, code, options);
    await tellSupervisors(store, committed, projectOf(app.project), context.application, options);
  };
}

async function tellRater(
  store: EventStore,
  committed: CommittedEvent,
  context: RatingFollowUpContext,
  code: 'rating-contacted' | 'rating-answered',
  options: { webhook: boolean },
): Promise<void> {
  const [rating] = await store.query(
    'select application_id, enterprise, rater_sub, rater_role from ratings where follow_up_id = ?',
    [committed.application.id],
  );
  if (!rating) return;
  const project = committed.application.project;
  const department = departmentName(context.department);
  await insertMessage(
    store,
    {
      code,
      params: { department: context.department, followUp: committed.application.id },
      text:
        code === 'rating-contacted'
          ? `${department}已收到您的评价，正在核实${committed.comment ? `：${committed.comment}` : '。'}`
          : `${department}已就您的评价作出答复：${committed.comment ?? ''}。请对整改情况作出评价。`,
      applicationId: String(rating.application_id),
      project: {
        code: typeof project.code === 'string' ? project.code : null,
        name: String(project.name ?? ''),
      },
      recipients: [
        rating.rater_role === 'agent'
          ? { kind: 'agent', id: String(rating.rater_sub) }
          : { kind: 'enterprise', id: String(rating.enterprise) },
      ],
      dedupeKey: `event:${committed.application.id}:${committed.seq}:${code}`,
      createdAt: committed.at,
    },
    options,
  );
}
