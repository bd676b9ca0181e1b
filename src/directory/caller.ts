import type { RequestHandler } from 'express';
import type { Database } from '../db/index.ts';
import type { Clock } from '../engine/clock.ts';
import { principalOf } from '../http/request.ts';
import { noteEnterpriseName, rememberPerson } from './store.ts';

/** How many callers a process remembers having recorded; past it, it forgets them all and starts again. */
const REMEMBERED = 10_000;

/**
 * After authentication: records the caller's name, role and department in `people` (and an enterprise's
 * `org_name` in the directory) when they differ from what this process last recorded for the same `sub`, so a
 * request writes only when a person is new or their token says something new. A failed write never refuses
 * the request: the names are for reading, not for deciding.
 */
export function recordCaller(ctx: {
  db: Database;
  clock: Clock;
  logger: { warn(o: object, m: string): void };
}) {
  const recorded = new Map<string, string>();
  const handler: RequestHandler = (_req, res, next) => {
    const principal = principalOf(res);
    const fingerprint = JSON.stringify([
      principal.name,
      principal.role,
      principal.org,
      principal.lead,
      principal.orgName,
    ]);
    if (recorded.get(principal.sub) === fingerprint) return next();
    const at = ctx.clock.now().toISOString();
    const work = async () => {
      await rememberPerson(ctx.db, principal, at);
      if (principal.role === 'applicant' && principal.orgName && principal.org) {
        const knex = ctx.db.knex;
        await noteEnterpriseName(
          {
            query: async (sql, values) => {
              await knex.raw(sql, values as never);
              return [];
            },
          },
          {
            uscc: principal.org,
            name: principal.orgName.slice(0, 200),
            source: 'token',
            at,
            by: principal.sub,
          },
        );
      }
    };
    work().then(
      () => {
        if (recorded.size >= REMEMBERED) recorded.clear();
        recorded.set(principal.sub, fingerprint);
        next();
      },
      (error: unknown) => {
        ctx.logger.warn({ err: error, sub: principal.sub }, 'could not record the caller in the directory');
        next();
      },
    );
  };
  return handler;
}
