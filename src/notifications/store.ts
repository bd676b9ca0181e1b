/** Every read and write of the `notifications`, `notification_recipients` and `notification_reads` tables. */
import type { Knex } from 'knex';
import type { Principal } from '../auth/principal.ts';
import type { Database, EventStore, Row } from '../db/index.ts';
import { whereCovered, type ActiveDelegation } from '../delegations/scope.ts';
import { activeDelegationsHeldBy } from '../delegations/store.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { MessageCode, MessageView, NewMessage, Recipient } from './message.ts';

/** The outbox type of a message on its way to the webhook. */
export const NOTIFICATION_OUTBOX_TYPE = 'notification';

/** The webhook's body: the message, with its id for de-duplication and its recipients. */
export interface WebhookPayload extends MessageView {
  recipients: Recipient[];
}

/**
 * Stores a message with its recipients, through the store of the transaction it commits with (an event's, or
 * a sweep's), and queues it for the webhook when one is configured. A message whose `dedupeKey` is already
 * stored is left as it is: answers null then, the new message's id otherwise.
 */
export async function insertMessage(
  store: EventStore,
  message: NewMessage,
  options: { webhook: boolean },
): Promise<string | null> {
  const row = messageRow(message);
  const columns = Object.keys(row);
  const [inserted] = await store.query(
    `insert into notifications (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
      'on conflict (dedupe_key) do nothing returning id',
    columns.map((c) => row[c]),
  );
  if (!inserted) return null;
  const id = String(inserted.id);
  const recipients = uniqueRecipients(message.recipients);
  for (const r of recipients) {
    await store.insert('notification_recipients', { notification_id: id, kind: r.kind, recipient: r.id });
  }
  if (options.webhook) {
    const payload: WebhookPayload = {
      id,
      code: message.code,
      params: message.params,
      text: message.text,
      applicationId: message.applicationId,
      project: message.project,
      createdAt: message.createdAt,
      recipients,
    };
    await store.insertOutbox({
      application_id: message.applicationId,
      type: NOTIFICATION_OUTBOX_TYPE,
      payload: JSON.stringify(payload),
      created_at: message.createdAt,
      available_at: message.createdAt,
      attempts: 0,
    });
  }
  return id;
}

/**
 * `insertMessage` for a caller that needs no answer (an event's observer): without a webhook, whose payload
 * names the new id, the message and its recipients are one write the store may hold back and send with a later
 * statement (on PostgreSQL, a round trip fewer per event).
 */
export async function holdMessage(
  store: EventStore,
  message: NewMessage,
  options: { webhook: boolean },
): Promise<void> {
  if (options.webhook) {
    await insertMessage(store, message, options);
    return;
  }
  await store.insertFamily(
    { table: 'notifications', row: messageRow(message), unique: 'dedupe_key' },
    {
      table: 'notification_recipients',
      key: 'notification_id',
      rows: uniqueRecipients(message.recipients).map((r) => ({ kind: r.kind, recipient: r.id })),
    },
  );
}

/** The `notifications` row of a message. */
function messageRow(message: NewMessage): Row {
  return {
    code: message.code,
    dedupe_key: message.dedupeKey,
    application_id: message.applicationId,
    project_code: message.project?.code ?? null,
    project_name: message.project?.name ?? null,
    params: JSON.stringify(message.params),
    text: message.text,
    created_at: message.createdAt,
  };
}

function uniqueRecipients(recipients: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of recipients) seen.set(`${r.kind}\n${r.id}`, r);
  return [...seen.values()];
}

/**
 * Whom a signed-in user stands for among recipients: an applicant its enterprise, a clerk its department, an
 * agent itself, an administrator the supervisors (`role` `admin`). Auditors are told of nothing (null).
 */
export function recipientOf(principal: Principal): Recipient | null {
  if (principal.role === 'applicant' && principal.org) return { kind: 'enterprise', id: principal.org };
  if (principal.role === 'clerk' && principal.org) return { kind: 'department', id: principal.org };
  if (principal.role === 'agent') return { kind: 'agent', id: principal.sub };
  if (principal.role === 'admin') return { kind: 'role', id: 'admin' };
  return null;
}

/** A message is read per user: user ids are unique per issuer. */
function readerOf(principal: Principal): string {
  return `${principal.iss ?? ''}\n${principal.sub}`;
}

/** A message with whether this user has read it. */
export interface MessageForReader extends MessageView {
  read: boolean;
  readAt: string | null;
}

/**
 * Who reads, and what of theirs they may see now: an agent only the messages of cases an agreement it holds
 * covers at this moment (an agreement that ended takes the messages of its cases away with the cases).
 */
interface Audience {
  /** Null for auditors: only what names them in person reaches them. */
  recipient: Recipient | null;
  /** The user in person (a task force's member). */
  person: Recipient;
  reader: string;
  /** For agents: their active agreements (none: nothing is shown). */
  agreements: ActiveDelegation[] | null;
  registry: WorkflowRegistry;
}

/** The audience of a signed-in user: auditors are told only of what names them in person. */
async function audienceOf(
  db: Database,
  registry: WorkflowRegistry,
  principal: Principal,
  now: Date,
): Promise<Audience> {
  const recipient = recipientOf(principal);
  const agreements =
    recipient?.kind === 'agent' ? await activeDelegationsHeldBy(db, principal.sub, now) : null;
  const person: Recipient = { kind: 'person', id: principal.sub };
  return { recipient, person, reader: readerOf(principal), agreements, registry };
}

/** The messages addressed to the audience, with its reader's reads. */
function addressedTo(knex: Knex | Knex.Transaction, audience: Audience) {
  const { recipient, person, reader, agreements, registry } = audience;
  const addressed = (r: Recipient) => (q: Knex.QueryBuilder) =>
    q
      .select(knex.raw('1'))
      .from('notification_recipients as r')
      .whereRaw('r.notification_id = n.id')
      .where({ 'r.kind': r.kind, 'r.recipient': r.id });
  const query = knex('notifications as n')
    .where((either) => {
      either.whereExists(addressed(person));
      if (recipient)
        either.orWhere((role) => scoped(role.whereExists(addressed(recipient)), agreements, registry));
    })
    .leftJoin('notification_reads as rd', (j) =>
      j.on('rd.notification_id', '=', 'n.id').andOnVal('rd.reader', '=', reader),
    );
  return query;
}

/** An agent's messages only of the cases an agreement it holds covers now. */
function scoped(query: Knex.QueryBuilder, agreements: ActiveDelegation[] | null, registry: WorkflowRegistry) {
  if (!agreements) return query;
  if (!agreements.length) return query.whereRaw('1 = 0');
  return query.whereIn('n.application_id', (covered) =>
    covered
      .select('applications.id')
      .from('applications')
      .where((any) => {
        for (const agreement of agreements) any.orWhere((one) => whereCovered(one, agreement, registry));
      }),
  );
}

/** One page of a user's messages, newest first; `after` continues after the last one of a page. */
export async function messagesFor(
  db: Database,
  registry: WorkflowRegistry,
  principal: Principal,
  now: Date,
  page: { after: { key: string; id: string } | null; limit: number; unreadOnly: boolean },
): Promise<MessageForReader[]> {
  const audience = await audienceOf(db, registry, principal, now);
  const query = addressedTo(db.knex, audience);
  const after = page.after;
  if (after) {
    query.where((q) =>
      q
        .where('n.created_at', '<', after.key)
        .orWhere((c) => c.where('n.created_at', after.key).where('n.id', '<', Number(after.id))),
    );
  }
  if (page.unreadOnly) query.whereNull('rd.read_at');
  const rows = await query
    .select('n.*', 'rd.read_at')
    .orderBy([
      { column: 'n.created_at', order: 'desc' },
      { column: 'n.id', order: 'desc' },
    ])
    .limit(page.limit);
  return rows.map((row: Record<string, unknown>) => toView(db, row));
}

/** How many of a user's messages they have not read. */
export async function unreadCount(
  db: Database,
  registry: WorkflowRegistry,
  principal: Principal,
  now: Date,
): Promise<number> {
  const audience = await audienceOf(db, registry, principal, now);
  const row = await addressedTo(db.knex, audience).whereNull('rd.read_at').count({ n: '*' }).first();
  return db.dialect.readNumber(row?.n);
}

/**
 * Marks a message read for this user; reading it again changes nothing. Null when the message does not
 * exist or is not addressed to them (the route answers 404 for both, so ids of others' messages leak nothing).
 */
export async function markRead(
  db: Database,
  registry: WorkflowRegistry,
  principal: Principal,
  id: number,
  now: Date,
): Promise<MessageForReader | null> {
  const audience = await audienceOf(db, registry, principal, now);
  const reader = audience.reader;
  return db.knex.transaction(async (trx) => {
    const mine = await addressedTo(trx, audience).where('n.id', id).first('n.id');
    if (!mine) return null;
    await trx('notification_reads')
      .insert({ notification_id: id, reader, read_at: now.toISOString() })
      .onConflict(['notification_id', 'reader'])
      .ignore();
    const row = await addressedTo(trx, audience).where('n.id', id).first('n.*', 'rd.read_at');
    return toView(db, row);
  });
}

function toView(db: Database, row: Record<string, unknown>): MessageForReader {
  const readAt = (row.read_at as string | null | undefined) ?? null;
  return {
    id: String(row.id),
    code: row.code as MessageCode,
    params: db.dialect.readJson<Record<string, unknown>>(row.params),
    text: String(row.text),
    applicationId: (row.application_id as string | null) ?? null,
    project:
      row.project_name === null || row.project_name === undefined
        ? null
        : { code: (row.project_code as string | null) ?? null, name: String(row.project_name) },
    createdAt: String(row.created_at),
    read: readAt !== null,
    readAt,
  };
}
