import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { PERMIT_DEPARTMENTS } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('http/workflows', (kind) => {
  describe('GET /workflows', () => {
    const t = withService(kind);

    it('should list the construction permit without a token', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows');
      expect(response.status).to.equal(200);
      const permit = response.body.items.find((w: { id: string }) => w.id === 'construction-permit');
      expect(permit).to.deep.include({
        version: 2, // the latest: approval on pledge
        departments: ['window', ...PERMIT_DEPARTMENTS],
        stages: [2, 3],
      });
      expect(permit.title).to.be.a('string');
    });

    it('should describe the states with their tasks and the form schema', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows/construction-permit');
      expect(response.status).to.equal(200);
      const { states, formSchema } = response.body;
      const planning = states.find(
        (s: { id: string }) => s.id === 'construction-permit.accepted.review.planning.review',
      );
      expect(planning.task).to.include({ department: 'planning', action: 'review', limitDays: 20 });
      const intake = states.find((s: { id: string }) => s.id === 'construction-permit.intake');
      expect(intake.task).to.include({ department: 'window', limitDays: 5 });
      expect(response.body.events).to.include.members(['SUBMIT', 'ACCEPT', 'APPROVE', 'ISSUE']);
      expect(formSchema.$id).to.match(/construction-permit\.form\.json$/);
      expect(formSchema.required).to.include('floorAreaM2');
    });

    it('should draw the statechart as Mermaid text', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows/construction-permit/diagram');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/plain/);
      expect(response.body).to.be.a('string');
      expect(response.body.startsWith('stateDiagram-v2')).to.equal(true);
    });

    it('should answer 404 problem+json for an unknown workflow', async () => {
      const response = await t.svc.request('GET', '/api/v1/workflows/no-such-workflow');
      expect(response.status).to.equal(404);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(response.body.type).to.equal('not-found');
    });
  });
});
