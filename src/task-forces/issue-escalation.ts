/** Tells each escalated issue's task force (the responsible leader first of all) after a dispatch. */
import type { Knex } from 'knex';
import { knexEventStore, type Database } from '../db/index.ts';
import { projectIssueEscalatedMessage } from '../notifications/project-message-text.ts';
import { insertMessage } from '../notifications/store.ts';
import type { Dispatch, Issue } from './issues-store.ts';
import { memberRecipients } from './member-recipients.ts';
import { membersOf } from './members-store.ts';
import { projectRef } from './project-names.ts';

/** One message per escalated issue, in the dispatch's transaction, keyed by the issue so that it is told once. */
export async function dispatchEscalations(
  db: Database,
  trx: Knex.Transaction,
  held: { dispatch: Dispatch; escalated: Issue[] },
  options: { webhook: boolean },
): Promise<void> {
  for (const issue of held.escalated) {
    const project = await projectRef({ knex: trx }, issue.projectCode);
    const content = projectIssueEscalatedMessage({
      project,
      title: issue.title,
      owner: issue.owner,
      deadline: issue.deadline,
      dispatchOn: held.dispatch.heldAt,
    });
    await insertMessage(
      knexEventStore(trx, db.dialect),
      {
        ...content,
        applicationId: null,
        project,
        recipients: memberRecipients(await membersOf({ knex: trx }, issue.projectCode)),
        dedupeKey: `project-issue-escalated:${issue.id}`,
        createdAt: held.dispatch.heldAt,
      },
      options,
    );
  }
}
