import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Database } from '../db/open.ts';
import { canonicalJson } from '../engine/audit-chain.ts';
import type { Clock } from '../engine/clock.ts';
import { HttpError, malformed } from './problem.ts';
import { principalOf } from './request.ts';

const WINDOW_MS = 24 * 3_600_000;

/** A POST that carries an `Idempotency-Key`, and the fingerprint of its request. */
interface Claim {
  sub: string;
  key: string;
  hash: string;
}

/**
 * `Idempotency-Key` on POSTs (API.md): the same key from the same caller within 24 hours returns the first
 * successful response and creates nothing; the same key with another body is 422; failures are not kept.
 */
export class Idempotency {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Replays a stored response and returns true, or returns false and remembers the claim so that
   * `reply` can store the response. Call after the body is parsed.
   */
  async replay(req: Request, res: Response): Promise<boolean> {
    const key = req.get('idempotency-key');
    if (key === undefined) return false;
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
    const row = await this.db.knex('idempotency_keys').where({ sub: claim.sub, key }).first();
    const fresh = row && Date.parse(row.created_at) > this.clock.now().getTime() - WINDOW_MS;
    if (fresh) {
      if (row.request_hash !== claim.hash) {
        throw new HttpError(
          422,
          'idempotency-key-reused',
          'this Idempotency-Key was used for a different request in the last 24 hours; use a new key',
        );
      }
      res
        .set('Idempotent-Replayed', 'true')
        .status(Number(row.status))
        .json(this.db.dialect.readJson(row.body));
      return true;
    }
    res.locals.idempotency = claim;
    return false;
  }

  /** Sends a successful response, first storing it when the request carried a key. */
  async reply(res: Response, status: number, body: unknown): Promise<void> {
    const claim = res.locals.idempotency as Claim | undefined;
    if (claim) {
      await this.db
        .knex('idempotency_keys')
        .insert({
          sub: claim.sub,
          key: claim.key,
          request_hash: claim.hash,
          status,
          body: JSON.stringify(body),
          created_at: this.clock.now().toISOString(),
        })
        .onConflict(['sub', 'key'])
        .merge();
    }
    res.status(status).json(body);
  }
}
