/**
 * Delivery of messages to `NOTIFY_WEBHOOK_URL` (docs/api.md, "Webhooks"): the message as JSON, signed with
 * HMAC-SHA256 over the exact bytes sent. Called by the outbox dispatcher outside every transaction; a failure
 * or a timeout throws, and the outbox retries with backoff.
 */
import { createHmac } from 'node:crypto';
import type { OutboxMessage } from '../engine/outbox.ts';

/** The signature header: `sha256=` and the lowercase hex HMAC-SHA256 of the body under the shared secret. */
export const SIGNATURE_HEADER = 'X-ZeroTrip-Signature';

/** The message id, also in the body: receivers drop a message whose id they have already handled. */
export const MESSAGE_ID_HEADER = 'X-ZeroTrip-Message-Id';

/** `sha256=<hex>` of `body` under `secret`. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Where and how to deliver. */
export interface WebhookSettings {
  url: string;
  secret: string;
  /** A receiver that has not answered by then counts as failed (the attempt is retried later). */
  timeoutMs: number;
}

/** The outbox's deliverer for notification messages. */
export function webhookDeliverer(settings: WebhookSettings): (message: OutboxMessage) => Promise<void> {
  return async (message) => {
    const body = JSON.stringify(message.payload);
    const id = String((message.payload as { id?: unknown }).id ?? message.id);
    let response: Response;
    try {
      response = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [SIGNATURE_HEADER]: signBody(settings.secret, body),
          [MESSAGE_ID_HEADER]: id,
          'X-ZeroTrip-Delivery-Attempt': String(message.attempts + 1),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new Error(
        timedOut
          ? `webhook did not answer within ${settings.timeoutMs} ms`
          : `webhook unreachable: ${(error as Error).message}`,
      );
    }
    // The answer's body is not needed; dropping it frees the connection.
    await response.body?.cancel().catch(() => {});
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  };
}
