/**
 * The enterprise's messages of a pledge found untrue (the order to rectify, the revocation), stored with the
 * verification's event through the one notification model: the enterprise and its agents on the case are told.
 */
import type { EventStore } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { CommittedEvent } from '../engine/types.ts';
import { projectOf, type MessageContent, type ProjectRef } from '../notifications/message.ts';
import { departmentName } from '../notifications/names.ts';
import { pledgeRectificationOrderedMessage } from '../notifications/pledge-messages.ts';
import { caseRecipients } from '../notifications/recipients.ts';
import { insertMessage } from '../notifications/store.ts';
import type { PledgeVerificationContext } from '../../workflows/pledge-verification.ts';

/** What telling the enterprise needs: the workflows (whose agents cover the case), and the webhook's use. */
export interface NoticeDeps {
  engine: Pick<Engine, 'registry'>;
  webhook: boolean;
}

/** Stores the message `content` builds for the verification's enterprise, with the committed event. */
export async function tellEnterprise(
  deps: NoticeDeps,
  store: EventStore,
  committed: CommittedEvent,
  content: (project: ProjectRef) => MessageContent,
): Promise<void> {
  const app = committed.application;
  const project = projectOf(app.project);
  const message = content(project);
  await insertMessage(
    store,
    {
      ...message,
      applicationId: app.id,
      project,
      recipients: await caseRecipients(store, store.dialect, deps.engine.registry, app, committed.at),
      dedupeKey: `event:${app.id}:${committed.seq}:${message.code}`,
      createdAt: committed.at,
    },
    { webhook: deps.webhook },
  );
}

/** The department found the conditions unmet: the enterprise learns what, and the day to rectify by. */
export async function tellRectificationOrdered(
  deps: NoticeDeps,
  store: EventStore,
  committed: CommittedEvent,
): Promise<void> {
  const context = committed.after.context as PledgeVerificationContext;
  if (committed.replayed || !context.rectifyBy) return;
  const rectifyBy = context.rectifyBy;
  await tellEnterprise(deps, store, committed, (project) =>
    pledgeRectificationOrderedMessage({
      project,
      department: departmentName(committed.actor.org),
      licence: context.licence,
      findings: committed.comment ?? null,
      rectifyBy,
    }),
  );
}
