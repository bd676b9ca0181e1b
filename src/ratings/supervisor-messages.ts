/**
 * The supervisors' messages of a bad rating's follow-up (国办发〔2019〕51号: supervisors see that every bad
 * rating is followed up): a contact gone past its limit, and an appeal waiting for their decision. Addressed
 * to every administrator (`role` `admin`), who supervise the follow-ups; never naming the rater.
 */
import { chineseDate } from '../calendar/index.ts';
import type { EventStore } from '../db/index.ts';
import type { CommittedEvent } from '../engine/types.ts';
import type { MessageContent, ProjectRef } from '../notifications/message.ts';
import { named } from '../notifications/message-text.ts';
import { departmentName } from '../notifications/names.ts';
import { insertMessage } from '../notifications/store.ts';
import type { RatingFollowUpContext } from '../../workflows/rating-follow-up.ts';

/** The message a follow-up's event calls for to the supervisors, if any. */
export function supervisorMessageOf(committed: CommittedEvent, project: ProjectRef): MessageContent | null {
  const context = committed.after.context as RatingFollowUpContext;
  const department = departmentName(context.department);
  const followUp = committed.application.id;
  const params = { department: context.department, followUp, application: context.application };
  if (committed.type === 'CONTACT_OVERDUE') {
    return {
      code: 'rating-contact-overdue',
      params: { ...params, contactDueAt: context.contactDueAt },
      text:
        `${named(project)}：${department}未在${context.contactWorkingDays}个工作日内（${chineseDate(context.contactDueAt)}前）` +
        `联系差评的评价人（差评整改件 ${followUp}）。请督促${department}尽快联系并核实。`,
    };
  }
  if (committed.type === 'VERIFY' && context.finding === 'appealed') {
    const reason = committed.comment?.trim().replace(/[。.]\s*$/, '');
    return {
      code: 'rating-appealed',
      params: { ...params, reason: committed.comment ?? null },
      text:
        `${named(project)}：${department}对一条差评提出申诉${reason ? `，理由：${reason}` : ''}（差评整改件 ${followUp}）。` +
        '请审核：属误评或恶意评价的予以剔除，否则驳回申诉，由该部门整改。',
    };
  }
  return null;
}

/** Stores the supervisors' message of the event, if it calls for one, with the event. */
export async function tellSupervisors(
  store: EventStore,
  committed: CommittedEvent,
  project: ProjectRef,
  applicationId: string,
  options: { webhook: boolean },
): Promise<void> {
  const content = supervisorMessageOf(committed, project);
  if (!content) return;
  await insertMessage(
    store,
    {
      ...content,
      applicationId,
      project,
      recipients: [{ kind: 'role', id: 'admin' }],
      dedupeKey: `event:${committed.application.id}:${committed.seq}:${content.code}`,
      createdAt: committed.at,
    },
    options,
  );
}
