import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { withService } from '../support/with-service.ts';

const GUIDE = '/api/v1/guide';

// The guide told only part of the facts: what stays open says what it depends on; the rest is figured.
describeEachDatabase('guide/routes', (kind) => {
  const t = withService(kind);
  const guide = (body: unknown) => t.svc.request('POST', GUIDE, { body });

  describe('partial forms', () => {
    it('should mark what an open fact decides as depending on it, never guessing', async () => {
      const { status, body } = await guide({
        workflow: 'construction-permit',
        form: { useCategory: 'industrial' },
      });
      expect(status).to.equal(200);
      const department = (d: string) =>
        body.departments.find((x: { department: string }) => x.department === d);
      expect(department('planning')).to.deep.include({
        dependsOn: [],
        limitDays: { value: 20, atLeast: 20, atMost: 20 },
      });
      expect(department('civil-defense').dependsOn).to.deep.equal(['undergroundAreaM2']);
      expect(department('fire').dependsOn).to.deep.equal(['specialFireWorks']);
      expect(department('environment')).to.deep.include({
        dependsOn: ['environmentalCategory'],
        limitDays: { value: null, atLeast: 30, atMost: 60 },
      });
      expect(body.caseLimit).to.deep.equal({
        value: null,
        atLeast: 45,
        atMost: 60,
        dependsOn: ['environmentalCategory'],
      });
      const material = (code: string) => body.materials.find((m: { code: string }) => m.code === code);
      expect(material('civil-defence-drawings')).to.deep.include({
        dependsOn: ['undergroundAreaM2'],
        pledgeable: false,
      });
      expect(material('site-readiness-statement')).to.deep.include({ dependsOn: [], pledgeable: true });
      const fee = (code: string) => body.fees.find((f: { code: string }) => f.code === code);
      // Industrial, not housing: ¥550 (NDRC/MOF Price Notice [2016] No. 2606).
      expect(fee('real-estate-registration')).to.deep.include({
        rate: 550,
        quantity: 1,
        amount: 550,
        dependsOn: [],
      });
      expect(fee('infrastructure-supporting')).to.deep.include({
        rate: 115,
        quantity: null,
        amount: null,
        dependsOn: ['floorAreaM2'],
      });
      expect(fee('extra-certificate')).to.deep.include({ rate: 10, quantity: 1, amount: 10, dependsOn: [] });
      expect(body.inspections).to.deep.equal([]);
      expect(body.dependsOn).to.have.members([
        'floorAreaM2',
        'undergroundAreaM2',
        'environmentalCategory',
        'specialFireWorks',
      ]);
    });

    it('should give the amounts once the facts are given, and nothing open for an empty completion form but what matters', async () => {
      const permit = await guide({
        workflow: 'construction-permit',
        form: { useCategory: 'residential', floorAreaM2: 1234.5 },
      });
      const fee = (code: string) => permit.body.fees.find((f: { code: string }) => f.code === code);
      expect(fee('real-estate-registration')).to.deep.include({ rate: 80, amount: 80, dependsOn: [] });
      // 115 × 1234.5 = 141967.5 (to the fen).
      expect(fee('infrastructure-supporting')).to.deep.include({
        quantity: 1234.5,
        amount: 141967.5,
        dependsOn: [],
      });

      const completion = await guide({ workflow: 'completion-acceptance' });
      expect(completion.status).to.equal(200);
      const inspection = (code: string) =>
        completion.body.inspections.find((i: { code: string }) => i.code === code);
      expect(inspection('planning-verification').dependsOn).to.deep.equal([]);
      expect(inspection('fire-acceptance').dependsOn).to.deep.equal(['specialFireWorks']);
      expect(inspection('fire-filing-spot-check').dependsOn).to.deep.equal(['specialFireWorks']);
      expect(inspection('civil-defense-acceptance').dependsOn).to.deep.equal(['undergroundAreaM2']);
      const reg = completion.body.fees.find((f: { code: string }) => f.code === 'real-estate-registration');
      expect(reg).to.deep.include({ rate: null, amount: null, dependsOn: ['useCategory'] });
      expect(completion.body.caseLimit).to.deep.equal({ value: 7, atLeast: 7, atMost: 7, dependsOn: [] });
    });
  });
});
