import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  acceptedCase,
  expectProblem,
  sendEvent,
  sendOk,
  type People,
  type TestService,
  casePath as path,
} from '../support/http.ts';
import { refusalScene } from '../support/refusal-scene.ts';

/*
 * Refused requests on cases (docs/api.md): an event the state does not take (409) or whose content is wrong (422),
 * malformed requests (400, 413, 404), and which check answers first; each refusal changes nothing.
 */

describeEachDatabase('cases/request refusals', (kind) => {
  const scene = refusalScene(kind);
  const { unchanged } = scene;
  let svc: TestService, who: People, inReview: string, noFire: string;
  before(() => {
    ({ svc, who, inReview, noFire } = scene);
  });

  describe('state', () => {
    it('should answer 409 to ISSUE before the departments have reviewed', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('window'), inReview, { type: 'ISSUE' }),
          409,
          'event-not-allowed',
        );
      });
    });

    it('should answer 409 to a second APPROVE of the same department', async () => {
      const id = await acceptedCase(svc, who, constructionPermitApplication());
      await sendOk(svc, who.clerk('housing'), id, { type: 'APPROVE', department: 'housing' });
      await unchanged(id, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('housing'), id, { type: 'APPROVE', department: 'housing' }),
          409,
          'event-not-allowed',
        );
      });
    });

    it('should answer 409 to a PATCH after submission', async () => {
      await unchanged(inReview, async () => {
        const response = await svc.request('PATCH', path(inReview), {
          token: who.applicant,
          body: { form: { storeys: 9 } },
        });
        expectProblem(response, 409, 'event-not-allowed');
      });
    });

    it('should answer 409 to a SUBMIT of a case already submitted', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.applicant, inReview, { type: 'SUBMIT' }),
          409,
          'event-not-allowed',
        );
      });
    });
  });

  describe('content', () => {
    it('should answer 422 to REQUEST_SUPPLEMENT without a comment', async () => {
      await unchanged(inReview, async () => {
        for (const comment of [undefined, '   ']) {
          const response = await sendEvent(svc, who.clerk('planning'), inReview, {
            type: 'REQUEST_SUPPLEMENT',
            department: 'planning',
            ...(comment === undefined ? {} : { comment }),
          });
          expectProblem(response, 422, 'validation-failed');
          expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/comment');
        }
      });
    });

    it('should answer 422 to DENY without reasons', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('fire'), inReview, { type: 'DENY', department: 'fire' }),
          422,
          'validation-failed',
        );
      });
    });

    it('should accept one EXTEND, answer 409 to the second and 422 to more than 15 working days', async () => {
      const id = await acceptedCase(svc, who, constructionPermitApplication());
      await unchanged(id, async () => {
        const response = await sendEvent(svc, who.clerk('window'), id, {
          type: 'EXTEND',
          comment: 'Expert review of the fire design',
          data: { workingDays: 16 },
        });
        expectProblem(response, 422, 'validation-failed');
        expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).to.include(
          '/data/workingDays',
        );
      });
      const extended = await sendOk(svc, who.clerk('window'), id, {
        type: 'EXTEND',
        comment: 'Expert review of the fire design',
        data: { workingDays: 10 },
      });
      expect(extended.body.timing.limitWorkingDays).to.equal(55);
      await unchanged(id, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('window'), id, {
            type: 'EXTEND',
            comment: 'Once more',
            data: { workingDays: 5 },
          }),
          409,
          'event-not-allowed',
        );
      });
    });
  });

  describe('malformed requests', () => {
    const raw = (token: string, rawBody: string, id = inReview) =>
      svc.request('POST', path(id, '/events'), { token, rawBody });

    it('should answer 400 to malformed JSON', async () => {
      await unchanged(inReview, async () => {
        expectProblem(await raw(who.clerk('planning'), '{"type": "APPROVE",'), 400, 'malformed-request');
      });
      expectProblem(
        await svc.request('POST', '/api/v1/applications', { token: who.applicant, rawBody: '{nope' }),
        400,
        'malformed-request',
      );
    });

    it('should answer 400 to a body that is a JSON array or not an object', async () => {
      await unchanged(inReview, async () => {
        expectProblem(await raw(who.clerk('planning'), '[{"type": "APPROVE"}]'), 400, 'malformed-request');
        expectProblem(await raw(who.clerk('planning'), '"APPROVE"'), 400, 'malformed-request');
        expectProblem(await raw(who.clerk('planning'), 'null'), 400, 'malformed-request');
      });
    });

    it('should answer 400 to an unknown event field', async () => {
      await unchanged(inReview, async () => {
        const response = await sendEvent(svc, who.clerk('planning'), inReview, {
          type: 'APPROVE',
          department: 'planning',
          approvedBy: 'someone',
        } as never);
        expectProblem(response, 400, 'malformed-request');
        expect(response.body.errors).to.be.an('array').that.is.not.empty;
      });
    });

    it('should answer 413 to a body over 1 MiB', async () => {
      await unchanged(inReview, async () => {
        const body = JSON.stringify({
          type: 'REQUEST_SUPPLEMENT',
          department: 'planning',
          comment: 'x'.repeat(1024 * 1024 + 16),
        });
        expectProblem(await raw(who.clerk('planning'), body), 413, 'payload-too-large');
      });
    });

    it('should answer 400 to a bad limit or cursor', async () => {
      for (const query of ['?limit=0', '?limit=501', '?limit=ten', '?cursor=not-a-cursor', '?status=lost']) {
        const response = await svc.request('GET', `/api/v1/applications${query}`, { token: who.auditor });
        expectProblem(response, 400, 'malformed-request');
      }
      expectProblem(
        await svc.request('GET', '/api/v1/tasks?limit=0', { token: who.clerk('planning') }),
        400,
        'malformed-request',
      );
      expectProblem(
        await svc.request('GET', '/api/v1/tasks?cursor=%7B', { token: who.clerk('planning') }),
        400,
        'malformed-request',
      );
    });

    it('should answer 404 problem+json to an unknown route', async () => {
      expectProblem(await svc.request('GET', '/api/v1/nothing-here'), 404, 'not-found');
      expectProblem(
        await svc.request('GET', path(inReview, '/nothing-here'), { token: who.auditor }),
        404,
        'not-found',
      );
      expectProblem(await svc.request('DELETE', path(inReview), { token: who.auditor }), 404, 'not-found');
    });
  });

  describe('order of checks', () => {
    it('should answer 401 before anything else, even to malformed JSON on an unknown case', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await svc.request('POST', path(inReview, '/events'), { rawBody: '{' }),
          401,
          'unauthorized',
        );
      });
      expectProblem(
        await svc.request('POST', path(randomUUID(), '/events'), { rawBody: '{' }),
        401,
        'unauthorized',
      );
    });

    it("should answer 404 before 400 to malformed JSON on another enterprise's case", async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await svc.request('POST', path(inReview, '/events'), { token: who.otherApplicant, rawBody: '{' }),
          404,
          'not-found',
        );
        expectProblem(
          await svc.request('PATCH', path(inReview), { token: who.otherApplicant, rawBody: '[1' }),
          404,
          'not-found',
        );
      });
    });

    it('should answer 404 before 400 to malformed JSON from a clerk on a case it has no task on, or none', async () => {
      // The fire department has no task on a case without special fire works, and is not the liaison.
      await unchanged(noFire, async () => {
        expectProblem(
          await svc.request('POST', path(noFire, '/events'), { token: who.clerk('fire'), rawBody: '{' }),
          404,
          'not-found',
        );
        expectProblem(
          await sendEvent(svc, who.clerk('fire'), noFire, { type: 'APPROVE', extra: true } as never),
          404,
          'not-found',
        );
        expectProblem(await sendEvent(svc, who.clerk('fire'), noFire, { type: 'APPROVE' }), 404, 'not-found');
      });
      expectProblem(
        await svc.request('POST', path(randomUUID(), '/events'), {
          token: who.clerk('planning'),
          rawBody: '{',
        }),
        404,
        'not-found',
      );
      expectProblem(
        await svc.request('POST', path(randomUUID(), '/events'), { token: who.applicant, rawBody: '[1' }),
        404,
        'not-found',
      );
    });

    it("should answer 404 before 413 to an oversized body on another enterprise's case", async () => {
      const rawBody = JSON.stringify({ type: 'WITHDRAW', comment: 'x'.repeat(2 * 1024 * 1024) });
      expectProblem(
        await svc.request('POST', path(inReview, '/events'), { token: who.otherApplicant, rawBody }),
        404,
        'not-found',
      );
    });

    it("should answer 400 before 403 to an auditor's malformed body", async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await svc.request('POST', path(inReview, '/events'), { token: who.auditor, rawBody: '{"type":' }),
          400,
          'malformed-request',
        );
        expectProblem(
          await sendEvent(svc, who.auditor, inReview, { type: 'APPROVE', extra: true } as never),
          400,
          'malformed-request',
        );
      });
    });

    it("should answer 400 before 403 to a clerk's malformed body asking for another department", async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('planning'), inReview, {
            type: 'APPROVE',
            department: 'fire',
            extra: true,
          } as never),
          400,
          'malformed-request',
        );
        expectProblem(
          await svc.request('POST', path(inReview, '/events'), { token: who.applicant, rawBody: '{"type":' }),
          400,
          'malformed-request',
        );
      });
    });

    it('should answer 403 before 422 to a request of another department without a comment', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('planning'), inReview, {
            type: 'REQUEST_SUPPLEMENT',
            department: 'fire',
          }),
          403,
          'forbidden',
        );
      });
    });

    it('should answer 422 before 409 to an invalid event the state would not take anyway', async () => {
      await unchanged(inReview, async () => {
        // The window's intake is over, so REQUEST_SUPPLEMENT from it would be 409; the missing comment wins.
        expectProblem(
          await sendEvent(svc, who.clerk('window'), inReview, { type: 'REQUEST_SUPPLEMENT' }),
          422,
          'validation-failed',
        );
        expectProblem(
          await sendEvent(svc, who.clerk('window'), inReview, {
            type: 'REQUEST_SUPPLEMENT',
            comment: 'Everything',
          }),
          409,
          'event-not-allowed',
        );
      });
    });
  });
});
