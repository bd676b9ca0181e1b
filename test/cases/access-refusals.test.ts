import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import {
  expectProblem,
  sendEvent,
  type People,
  type TestService,
  casePath as path,
} from '../support/http.ts';
import { refusalScene } from '../support/refusal-scene.ts';

/*
 * Refused requests on cases (docs/api.md): no or a bad token (401), a role or department that may not act (403), a
 * case out of sight (404); each refusal changes nothing.
 */

describeEachDatabase('cases/access refusals', (kind) => {
  const scene = refusalScene(kind);
  const { unchanged } = scene;
  let svc: TestService, who: People, inReview: string, draft: string, noFire: string;
  before(() => {
    ({ svc, who, inReview, draft, noFire } = scene);
  });

  describe('authentication', () => {
    const planning = { sub: 'clerk-planning', role: 'clerk', org: 'planning' };
    const badTokens: Array<[string, () => string | undefined]> = [
      ['no token', () => undefined],
      ['an expired token', () => svc.token(planning, { expiresIn: -60 })],
      ['an alg: none token', () => svc.token(planning, { algorithm: 'none' })],
      ['a token signed with another key', () => svc.token(planning, { secret: 'not-the-service-secret' })],
      ['a token without exp', () => svc.token(planning, { noExp: true })],
      ['a token signed with HS512', () => svc.token(planning, { algorithm: 'HS512' })],
    ];
    for (const [label, token] of badTokens) {
      it(`should answer 401 to ${label} and change nothing`, async () => {
        await unchanged(inReview, async () => {
          const read = await svc.request('GET', path(inReview), { token: token() });
          expectProblem(read, 401, 'unauthorized');
          expect(read.headers.get('www-authenticate')).to.match(/^Bearer\b/);
          expectProblem(
            await svc.request('POST', path(inReview, '/events'), {
              token: token(),
              body: { type: 'APPROVE', department: 'planning' },
            }),
            401,
            'unauthorized',
          );
        });
        expectProblem(
          await svc.request('GET', '/api/v1/applications', { token: token() }),
          401,
          'unauthorized',
        );
      });
    }
  });

  describe('permissions', () => {
    it('should answer 403 to a clerk approving for another department', async () => {
      await unchanged(inReview, async () => {
        const response = await sendEvent(svc, who.clerk('planning'), inReview, {
          type: 'APPROVE',
          department: 'fire',
        });
        expectProblem(response, 403, 'forbidden');
      });
    });

    it('should answer 403 to a housing clerk sending ISSUE', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('housing'), inReview, { type: 'ISSUE' }),
          403,
          'forbidden',
        );
      });
    });

    it('should answer 403 to an auditor sending any event', async () => {
      await unchanged(inReview, async () => {
        for (const event of [
          { type: 'APPROVE', department: 'planning' },
          { type: 'ISSUE' },
          { type: 'WITHDRAW' },
          { type: 'EXTEND', comment: 'more time', data: { workingDays: 5 } },
        ]) {
          expectProblem(await sendEvent(svc, who.auditor, inReview, event), 403, 'forbidden');
        }
      });
    });

    it('should answer 403 to anyone but an auditor verifying the hash chain', async () => {
      for (const token of [who.applicant, who.clerk('planning')]) {
        expectProblem(await svc.request('GET', path(inReview, '/verify'), { token }), 403, 'forbidden');
      }
      expectProblem(
        await svc.request('GET', path(inReview, '/verify'), { token: who.otherApplicant }),
        404,
        'not-found',
      );
    });

    it('should answer 403 to an applicant sending a clerk event', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.applicant, inReview, { type: 'APPROVE', department: 'planning' }),
          403,
          'forbidden',
        );
      });
    });
  });

  describe('visibility', () => {
    it('should answer 404, never 403, to another enterprise reading, sending to or patching a case', async () => {
      for (const id of [draft, inReview]) {
        await unchanged(id, async () => {
          const token = who.otherApplicant;
          expectProblem(await svc.request('GET', path(id), { token }), 404, 'not-found');
          expectProblem(await svc.request('GET', path(id, '/history'), { token }), 404, 'not-found');
          expectProblem(await sendEvent(svc, token, id, { type: 'WITHDRAW' }), 404, 'not-found');
          expectProblem(
            await svc.request('PATCH', path(id), { token, body: { form: { storeys: 9 } } }),
            404,
            'not-found',
          );
        });
      }
      const list = await svc.request('GET', '/api/v1/applications', { token: who.otherApplicant });
      expect(list.body.items).to.deep.equal([]);
    });

    it('should answer 404 to a clerk of a department with no task on the case', async () => {
      await unchanged(noFire, async () => {
        const fire = who.clerk('fire');
        expectProblem(await svc.request('GET', path(noFire), { token: fire }), 404, 'not-found');
        expectProblem(
          await sendEvent(svc, fire, noFire, { type: 'APPROVE', department: 'fire' }),
          404,
          'not-found',
        );
      });
      await unchanged(inReview, async () => {
        const archives = who.clerk('archives');
        expectProblem(await svc.request('GET', path(inReview), { token: archives }), 404, 'not-found');
        expectProblem(await sendEvent(svc, archives, inReview, { type: 'APPROVE' }), 404, 'not-found');
      });
      // Nor does the window see a draft that was never submitted.
      expectProblem(await svc.request('GET', path(draft), { token: who.clerk('window') }), 404, 'not-found');
    });

    it('should answer 404 to a case that does not exist', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        expectProblem(await svc.request('GET', path(id), { token: who.auditor }), 404, 'not-found');
        expectProblem(await sendEvent(svc, who.applicant, id, { type: 'SUBMIT' }), 404, 'not-found');
      }
    });
  });
});
