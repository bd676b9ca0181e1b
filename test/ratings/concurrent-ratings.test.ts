import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem } from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { withService } from '../support/with-service.ts';

/*
 * Two identical rating POSTs at the same instant (a double tap, a retried request without a key): the unique
 * key lets one in, and the other is the 409 `rating-exists` a later second rating gets, never a 500. A bad
 * rating's loser opens no second follow-up.
 */

const ratingsPath = (id: string) => `/api/v1/applications/${id}/ratings`;

/**
 * Holds every insert into `ratings` (a SHARE lock lets reads through and blocks writes) until `count` sessions
 * of this test's own database wait on a lock, then lets them go: both requests are past their "already
 * rated?" check before either row exists, the race the unique key must settle. Polls PostgreSQL's activity
 * view, never sleeps.
 */
async function insertGate(knex: Knex) {
  const trx = await knex.transaction();
  await trx.raw('lock table ratings in share mode');
  return {
    async openWhenWaiting(count: number) {
      for (;;) {
        const { rows } = await knex.raw(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        if (rows[0].n >= count) break;
      }
      await trx.commit();
    },
  };
}

describeEachDatabase('concurrent ratings', (kind) => {
  const t = withService(kind);
  beforeEach(() => t.svc.clock.set('2026-03-02T09:00:00+08:00'));

  for (const level of [1, 5]) {
    it(`should answer one 201 and one 409 rating-exists to two identical ratings of level ${level} sent together`, async () => {
      const { caseId } = await issuedPermitLicence(t);
      const post = () =>
        t.svc.request('POST', ratingsPath(caseId), {
          token: t.who.applicant,
          body: { level, channel: 2, department: 'planning' },
        });
      // On PostgreSQL both requests are let through their check, then held at their insert until both wait.
      const gate = kind === 'pg' ? await insertGate(t.svc.service.db.knex) : null;
      const sent = Promise.all([post(), post()]);
      await gate?.openWhenWaiting(2);
      const answers = await sent;
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).to.deep.equal([
        201, 409,
      ]);
      const refused = answers.find((a) => a.status === 409)!;
      expectProblem(refused, 409, 'event-not-allowed');
      expect(refused.body).to.include({ code: 'rating-exists' });
      const db = t.svc.service.db.knex;
      const rows = await db('ratings').where({ application_id: caseId }).count({ n: '*' });
      expect(Number(rows[0]!.n)).to.equal(1);
      const followUps = await db('applications').where({ workflow_id: 'rating-follow-up' }).count({ n: '*' });
      expect(Number(followUps[0]!.n)).to.equal(level === 5 ? 1 : 0);
    });
  }
});
