import { createHash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Database } from '../db/open.ts';
import { canonicalJson } from '../engine/audit-chain.ts';
import type { Clock } from '../engine/clock.ts';
import { HttpError, malformed } from './problem.ts';
import { principalOf } from './request.ts';

const WINDOW_MS = 24 * 3_600_000;
/** A reservation whose request never finished (the process died) stops blocking its key after this long. */
const ABANDONED_MS = 60_000;
/** `status` of a row whose first request is still running; real answers are 2xx. */
const PENDING = 0;

/** A POST that carries an `Idempotency-Key`, and the fingerprint of its request. */
interface Claim {
  sub: string;
  key: string;
  hash: string;
}

/** A successful answer, to send and to remember. */
export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

/** Writes an answer to the response; JSON unless a route answers in another format (the import's NDJSON). */
export type SendAnswer = (res: Response, answer: IdempotentAnswer) => void;

const sendJson: SendAnswer = (res, answer) => {
  res.status(answer.status).json(answer.body);
};

/**
 * `Idempotency-Key` on POSTs (API.md): the same key from the same caller within 24 hours returns the first
 * successful response and creates nothing; the same key with another body is 422; failures are not kept.
 * The key is reserved before the work runs, so that a retry racing its first attempt (on this instance or
 * another one sharing the database) cannot do the work twice: it is answered 409 until the first finishes.
 */
export class Idempotency {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Answers the request: replays the stored answer of an earlier request with the same key, or runs `work`
   * and sends (and, with a key, stores) what it returns. Call after the body is parsed and the caller's
   * permission checked. When `work` throws, the key is released before the error is answered. `send` writes
   * the first answer and any replay alike.
   */
  async respond(
    req: Request,
    res: Response,
    work: () => Promise<IdempotentAnswer>,
    send: SendAnswer = sendJson,
  ): Promise<void> {
    const claim = await this.claim(req, res, send);
    if (claim === 'replayed') return;
    let answer: IdempotentAnswer;
    try {
      answer = await work();
    } catch (error) {
      if (claim) await this.keys().where({ sub: claim.sub, key: claim.key, status: PENDING }).del();
      throw error;
    }
    if (claim) {
      await this.keys()
        .where({ sub: claim.sub, key: claim.key })
        .update({ status: answer.status, body: JSON.stringify(answer.body) });
    }
    send(res, answer);
  }

  /** Reserves the key (returns the claim), replays an earlier answer, or returns null without a key. */
  private async claim(req: Request, res: Response, send: SendAnswer): Promise<Claim | null | 'replayed'> {
    const key = req.get('idempotency-key');
    if (key === undefined) return null;
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw malformed('Idempotency-Key must be 1–200 visible ASCII characters (a UUID is a good choice)');
    }
    const claim: Claim = {
      sub: principalOf(res).sub,
      key,
      hash: createHash('sha256')
        .update(`${req.method} ${req.originalUrl.split('?')[0]} ${canonicalJson(req.body ?? null)}`)
        .digest('hex'),
    };
    // Two rounds: the second follows the removal of an expired row or of a failed request's reservation.
    for (let round = 0; round < 2; round++) {
      const now = this.clock.now();
      const nonce = randomUUID();
      await this.keys()
        .insert({
          sub: claim.sub,
          key,
          request_hash: claim.hash,
          status: PENDING,
          body: JSON.stringify({ pending: nonce }),
          created_at: now.toISOString(),
        })
        .onConflict(['sub', 'key'])
        .ignore();
      const row = await this.keys().where({ sub: claim.sub, key }).first();
      if (!row) continue;
      const status = Number(row.status);
      const body = this.db.dialect.readJson<unknown>(row.body);
      if (status === PENDING && (body as { pending?: unknown } | null)?.pending === nonce) return claim;
      const age = now.getTime() - Date.parse(row.created_at);
      if (age > WINDOW_MS || (status === PENDING && age > ABANDONED_MS)) {
        await this.keys().where({ sub: claim.sub, key, created_at: row.created_at }).del();
        continue;
      }
      if (row.request_hash !== claim.hash) {
        throw new HttpError(
          422,
          'idempotency-key-reused',
          'this Idempotency-Key was used for a different request in the last 24 hours; use a new key',
        );
      }
      if (status === PENDING) break;
      send(res.set('Idempotent-Replayed', 'true'), { status, body });
      return 'replayed';
    }
    throw new HttpError(
      409,
      'idempotency-key-in-use',
      'a request with this Idempotency-Key is still being processed; retry once it has been answered',
    );
  }

  private keys() {
    return this.db.knex('idempotency_keys');
  }
}
