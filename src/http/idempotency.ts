import { createHash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Database } from '../db/index.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import type { Clock } from '../engine/clock.ts';
import type { AfterEvent, SendResult } from '../engine/types.ts';
import { HttpError, malformed } from './problem.ts';
import { principalOf } from './request.ts';

const WINDOW_MS = 24 * 3_600_000;
/** How long a reservation blocks its key unless renewed: the key of a process that died is free after this. */
const LEASE_MS = 60_000;
/** How often a running request renews its reservation: well inside the lease, so a late renewal still lands. */
const RENEW_EVERY_MS = 15_000;
/** `status` of a row whose first request is still running. */
const RUNNING = 0;
/** `status` of a row whose work has committed (with `ref`) and whose answer is not stored yet. */
const COMMITTED = 1;

/** A reserved key: whose it is (the row's primary key), the request's fingerprint, and this request's lease. */
interface Claim {
  scope: { iss: string; sub: string; org: string; role: string; key: string };
  hash: string;
  holder: string;
}

/** A successful answer, to send and to remember. */
export interface IdempotentAnswer {
  status: number;
  body: unknown;
  /** The `Location` of a created resource; a replay carries it too. */
  location?: string;
}

/** Writes an answer to the response; JSON unless a route answers in another format (the import's NDJSON). */
export type SendAnswer = (res: Response, answer: IdempotentAnswer) => void;

/**
 * Hands the engine the step that completes the key inside the work's own transaction, storing `ref(result)`:
 * what `replay` needs to answer. Undefined when the request has no key.
 */
export type CommitKey<R> = (ref: (result: SendResult) => R) => AfterEvent | undefined;

/** A route's work under `Idempotency-Key`. */
export interface IdempotentWork<R> {
  /** Does the work and returns the first answer; passes `commit(…)` to the engine's `send` or `create`. */
  work(commit: CommitKey<R>): Promise<IdempotentAnswer>;
  /**
   * The answer again from the `ref` the work's transaction stored, for a retry after a process that committed
   * the work died before its answer was stored. Required when `work` hands `commit` to the engine.
   */
  replay?(ref: R): Promise<IdempotentAnswer>;
  send?: SendAnswer;
}

const sendJson: SendAnswer = (res, answer) => {
  res.status(answer.status).json(answer.body);
};

/**
 * `Idempotency-Key` on POSTs (docs/api.md): the same key from the same caller within 24 hours returns the first
 * successful response and creates nothing; the same key with another body is 422; failures are not kept. The
 * caller is the signed-in identity: token issuer, user, organisation and role.
 *
 * The key is reserved before the work runs, so that a retry racing its first attempt (on this instance or
 * another one sharing the database) cannot do the work twice: it is answered 409 until the first finishes. The
 * reservation is a lease the running request renews, so a long import keeps it; one whose process died lets
 * go after a minute. The key is completed in the transaction that commits the work, so that no crash between
 * the commit and the answer can leave the work done and the key free for a second run.
 */
export class Idempotency {
  private readonly renewEveryMs: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    options: { renewEveryMs?: number } = {},
  ) {
    this.renewEveryMs = options.renewEveryMs ?? RENEW_EVERY_MS;
  }

  /**
   * Answers the request: replays the answer of an earlier request with the same key, or runs the work and
   * sends (and, with a key, stores) its answer. Call after the body is parsed and the caller's permission
   * checked. When the work fails before it committed, the key is released before the error is answered.
   */
  async respond<R>(req: Request, res: Response, route: IdempotentWork<R>): Promise<void> {
    const send = route.send ?? sendJson;
    const claim = await this.claim(req, res, route, send);
    if (claim === 'replayed') return;
    if (!claim) {
      deliver(res, await route.work(() => undefined), send);
      return;
    }
    // A failed renewal is tried again at the next tick; should the lease lapse all the same, the completion
    // below refuses to commit the work (nothing runs twice), and the client is told to retry.
    const renewal = setInterval(() => void this.renew(claim).catch(() => undefined), this.renewEveryMs);
    renewal.unref();
    let committed = false;
    const commit: CommitKey<R> = (ref) => async (store, result) => {
      const changed = await store.updateIdempotencyKey(
        { ...claim.scope, status: RUNNING, holder: claim.holder },
        { status: COMMITTED, ref: JSON.stringify(ref(result)), holder: null },
      );
      // The lease lapsed and another request took the key over: this one must not commit its work too.
      if (changed !== 1) throw inUse();
      committed = true;
    };
    let answer: IdempotentAnswer;
    try {
      answer = await route.work(commit);
    } catch (error) {
      // A committed key stays: its work is done, and a retry is answered from what the transaction stored.
      await this.keys()
        .where({ ...claim.scope, status: RUNNING, holder: claim.holder })
        .del();
      throw error;
    } finally {
      clearInterval(renewal);
    }
    // Work that does not go through one engine transaction (the import) is completed here, after it.
    await this.keys()
      .where(claim.scope)
      .where(committed ? { status: COMMITTED } : { status: RUNNING, holder: claim.holder })
      .update(stored(answer));
    deliver(res, answer, send);
  }

  /** Reserves the key (returns the claim), replays an earlier answer, or returns null without a key. */
  private async claim<R>(
    req: Request,
    res: Response,
    route: IdempotentWork<R>,
    send: SendAnswer,
  ): Promise<Claim | null | 'replayed'> {
    const key = req.get('idempotency-key');
    if (key === undefined) return null;
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw malformed('idempotency-key-invalid');
    }
    const principal = principalOf(res);
    const scope = {
      iss: principal.iss ?? '',
      sub: principal.sub,
      org: principal.org ?? '',
      role: principal.role,
      key,
    };
    const hash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl.split('?')[0]} ${canonicalJson(req.body ?? null)}`)
      .digest('hex');
    // Two rounds: the second follows the removal of an expired row or of a lapsed reservation.
    for (let round = 0; round < 2; round++) {
      const now = this.clock.now();
      const holder = randomUUID();
      await this.keys()
        .insert({
          ...scope,
          request_hash: hash,
          status: RUNNING,
          holder,
          held_until: new Date(now.getTime() + LEASE_MS).toISOString(),
          created_at: now.toISOString(),
        })
        .onConflict(Object.keys(scope))
        .ignore();
      const row = await this.keys().where(scope).first();
      if (!row) continue;
      const status = Number(row.status);
      if (status === RUNNING && row.holder === holder) return { scope, hash, holder };
      const expired = now.getTime() - Date.parse(row.created_at) > WINDOW_MS;
      const lapsed = status === RUNNING && now.getTime() > Date.parse(row.held_until);
      if (expired || lapsed) {
        // Only the row as read: a reservation renewed meanwhile is still held.
        await this.keys()
          .where(scope)
          .where({ status: row.status, created_at: row.created_at, held_until: row.held_until })
          .del();
        continue;
      }
      if (row.request_hash !== hash) {
        throw new HttpError(422, 'idempotency-key-reused', 'idempotency-key-reused');
      }
      if (status === RUNNING) break;
      let answer: IdempotentAnswer;
      if (status === COMMITTED && route.replay) {
        // The process that did the work died before storing its answer, which nobody received: the answer
        // is made again from what the work's transaction stored (a case's view shows it as it is now).
        answer = await route.replay(this.db.dialect.readJson<R>(row.ref));
        await this.keys()
          .where({ ...scope, status: COMMITTED })
          .update(stored(answer));
      } else if (status === COMMITTED) {
        break;
      } else {
        answer = { status, body: this.db.dialect.readJson(row.body), location: row.location ?? undefined };
      }
      deliver(res.set('Idempotent-Replayed', 'true'), answer, send);
      return 'replayed';
    }
    throw inUse();
  }

  /** Moves the end of this request's lease a full lease ahead, while it still holds the key. */
  private async renew(claim: Claim): Promise<void> {
    await this.keys()
      .where({ ...claim.scope, status: RUNNING, holder: claim.holder })
      .update({ held_until: new Date(this.clock.now().getTime() + LEASE_MS).toISOString() });
  }

  private keys() {
    return this.db.knex('idempotency_keys');
  }
}

/** The columns that remember an answer. */
function stored(answer: IdempotentAnswer) {
  return {
    status: answer.status,
    body: JSON.stringify(answer.body),
    location: answer.location ?? null,
    holder: null,
  };
}

/** Sends an answer, first answer and replay alike, with its `Location` if it has one. */
function deliver(res: Response, answer: IdempotentAnswer, send: SendAnswer): void {
  if (answer.location) res.location(answer.location);
  send(res, answer);
}

function inUse(): HttpError {
  return new HttpError(409, 'idempotency-key-in-use', 'idempotency-key-in-use');
}
