/**
 * Reporting each licence to the provincial platform (within 5 working days of issue): the issuing transaction
 * writes an outbox message, and the scheduler hands it here after commit, outside any transaction. A refusal
 * or an unreachable platform throws, so the outbox retries with backoff; until it is sent the licence counts
 * as unreported (`/metrics`, the weekly report).
 */
import type { OutboxMessage } from '../engine/outbox.ts';
import { LICENCE_REPORT_MESSAGE } from './store.ts';

/**
 * A deliverer for `licence-report` messages: POSTs the message's payload as JSON to `reportUrl` with the
 * message id (`X-ZeroTrip-Message-Id`) for de-duplication. Answers false for other messages. Without a URL the
 * report cannot leave: it stays pending, and is counted, rather than being marked sent.
 */
export function licenceReportDeliverer(
  reportUrl: string | undefined,
  send: typeof fetch = fetch,
  timeoutMs = 10_000,
): (message: OutboxMessage) => Promise<boolean> {
  return async (message) => {
    if (message.type !== LICENCE_REPORT_MESSAGE) return false;
    if (!reportUrl) throw new Error('LICENCE_REPORT_URL is not set: the licence report waits until it is');
    const response = await send(reportUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zerotrip-message-id': String(message.id) },
      body: JSON.stringify(message.payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`the provincial platform answered ${response.status}`);
    return true;
  };
}
