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
 * Refused requests on cases (API.md): malformed requests (400, 413, 404), and which check answers first; each
 * refusal changes nothing.
 */

describeEachDatabase('cases/malformed requests', (kind) => {
  const scene = refusalScene(kind);
  const { unchanged } = scene;
  let svc: TestService;
  let who: People;
  let inReview = '';
  before(() => {
    ({ svc, who, inReview } = scene);
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
