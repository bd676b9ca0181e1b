/**
 * The one message model every channel shares (docs/api.md, "Notifications"): a stable `code`, its `params`,
 * the case and project it concerns, the Chinese text built from the code and the params, and its recipients.
 * The console's list, the unread count and the webhook's body are all read from the same stored message.
 */

/** What a message is about; stable, so that receivers (an SMS gateway) may choose templates by it. */
export type MessageCode =
  | 'accepted'
  | 'supplement-requested'
  | 'department-decided'
  | 'denied'
  | 'refused'
  | 'fee-assessed'
  | 'inspection-scheduled'
  | 'licence-issued'
  | 'pledge-due'
  | 'licence-lapsing'
  | 'task-due'
  | 'task-overdue'
  | 'expert-review-started'
  | 'expert-review-ended'
  | 'expert-review-cap-reached'
  | 'review-decided'
  | 'review-deferred'
  | 'light-changed'
  | 'issue-escalated'
  | 'rating-contacted'
  | 'rating-answered'
  | 'pledge-rectification-ordered'
  | 'pledge-licence-revoked'
  | 'rating-contact-overdue'
  | 'rating-appealed';

/**
 * Who is told: an enterprise by its USCC (every user of that enterprise sees it), a department by its code
 * (every clerk of it), one agent by user id (an agent holding an active agreement that covers the case), one
 * person by user id (a member of a project's task force, whatever their role), or a role (`admin`: every
 * administrator, the supervisors of the ratings' follow-ups).
 */
export interface Recipient {
  kind: 'enterprise' | 'department' | 'agent' | 'person' | 'role';
  id: string;
}

/** The project a message names, as the case's `project` holds it. */
export interface ProjectRef {
  code: string | null;
  name: string;
}

/** A message's content: its code, the plain params it was built from, and the Chinese text. */
export interface MessageContent {
  code: MessageCode;
  params: Record<string, unknown>;
  text: string;
}

/** A message ready to store: its content, what it concerns, who is told, and its de-duplication key. */
export interface NewMessage extends MessageContent {
  applicationId: string | null;
  project: ProjectRef | null;
  recipients: Recipient[];
  /** The same key twice is one message: `event:<case>:<seq>:<code>`, or a warning's own key. */
  dedupeKey: string;
  createdAt: string;
}

/** A stored message as the list and the webhook show it. */
export interface MessageView {
  id: string;
  code: MessageCode;
  params: Record<string, unknown>;
  text: string;
  applicationId: string | null;
  project: ProjectRef | null;
  createdAt: string;
}

/** The project of a case's `project` column; the name falls back to the code, then to a plain word. */
export function projectOf(project: Record<string, unknown> | null | undefined): ProjectRef {
  const code = typeof project?.code === 'string' ? project.code : null;
  const name =
    typeof project?.name === 'string' && project.name.trim() ? project.name : (code ?? '未命名项目');
  return { code, name };
}
