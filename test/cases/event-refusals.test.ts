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
 * Refused requests on cases (API.md): an event the state does not take (409) or whose content is wrong (422);
 * each refusal changes nothing.
 */

describeEachDatabase('cases/event refusals', (kind) => {
  const scene = refusalScene(kind);
  const { unchanged } = scene;
  let svc: TestService;
  let who: People;
  let inReview = '';
  before(() => {
    ({ svc, who, inReview } = scene);
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
});
