/** Who of a task force receives the project's alerts, in the one message model of the notifications. */
import type { Recipient } from '../notifications/message.ts';
import type { Member } from './members-store.ts';

/**
 * Every member reachable in the service: a user in person, the lead unit's department (all its clerks), the
 * enterprise contact's enterprise (all its users). A contact known only by name and phone is reached through
 * the webhook's gateway, which receives every recipient of the message.
 */
export function memberRecipients(members: readonly Member[]): Recipient[] {
  const recipients: Recipient[] = [];
  for (const m of members) {
    if (m.sub) recipients.push({ kind: 'person', id: m.sub });
    if (m.role === 'lead-unit' && m.org) recipients.push({ kind: 'department', id: m.org });
    if (m.role === 'enterprise-contact' && m.org) recipients.push({ kind: 'enterprise', id: m.org });
  }
  return recipients;
}
