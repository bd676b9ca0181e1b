import { expect } from 'chai';
import {
  actsAsClerk,
  collectingDepartment,
  mayAssessFee,
  mayInspect,
  mayPayFee,
} from '../../src/auth/policy.ts';
import { admin, agent, applicant, auditor, clerk } from '../support/policy-scene.ts';

describe('auth/policy (fees, inspections, clerk acts)', () => {
  describe('fees', () => {
    it('should have the window collect a fee that names no department', () => {
      expect(collectingDepartment({})).to.equal('window');
      expect(collectingDepartment({ department: 'fire' })).to.equal('fire');
    });

    it('should let only a clerk of the collecting department, acting on the case, assess or waive a fee', () => {
      expect(mayAssessFee(clerk('window'), {})).to.deep.equal({ ok: true, department: 'window' });
      expect(mayAssessFee(clerk('fire'), { department: 'fire' })).to.deep.equal({
        ok: true,
        department: 'fire',
      });
      expect(mayAssessFee(clerk('planning'), {})).to.deep.include({
        ok: false,
        reason: 'this fee is assessed and waived by window, not planning',
      });
      expect(mayAssessFee(clerk('window'), { department: 'fire' })).to.deep.include({
        ok: false,
        reason: 'this fee is assessed and waived by fire, not window',
      });
      expect(mayAssessFee(clerk(null), {})).to.deep.include({
        ok: false,
        reason: 'this fee is assessed and waived by window, not you',
      });
    });

    it('should refuse other roles and a liaison an assessment', () => {
      for (const principal of [applicant, agent, auditor, admin]) {
        expect(mayAssessFee(principal, {}), principal.role).to.deep.include({
          ok: false,
          reason: 'fees are assessed and waived by clerks',
        });
      }
      expect(mayAssessFee(clerk('window'), {}, 'read')).to.deep.include({
        ok: false,
        reason: 'you follow this enterprise as its liaison, read-only',
      });
    });

    it('should let the enterprise or its agent pay, and nobody else', () => {
      expect(mayPayFee(applicant)).to.deep.equal({ ok: true });
      expect(mayPayFee(agent)).to.deep.equal({ ok: true });
      for (const principal of [clerk('window'), auditor, admin]) {
        expect(mayPayFee(principal), principal.role).to.deep.include({
          ok: false,
          reason: 'fees are paid by the enterprise (or its agent)',
        });
      }
    });
  });

  describe('inspections and clerk acts', () => {
    const fireAcceptance = { department: 'fire', code: 'fire-acceptance' };

    it("should let only a clerk of the item's department, acting on the case, inspect", () => {
      expect(mayInspect(clerk('fire'), fireAcceptance)).to.deep.equal({ ok: true, department: 'fire' });
      expect(mayInspect(clerk('planning'), fireAcceptance)).to.deep.include({
        ok: false,
        reason: 'fire-acceptance is carried out by fire, not planning',
      });
      expect(mayInspect(clerk('fire'), fireAcceptance, 'read')).to.deep.include({
        ok: false,
        reason: 'you follow this enterprise as its liaison, read-only',
      });
      for (const principal of [applicant, agent, auditor, admin]) {
        expect(mayInspect(principal, fireAcceptance), principal.role).to.deep.include({
          ok: false,
          reason: 'inspections are carried out by department clerks',
        });
      }
    });

    it('should let a clerk acting on the case act as its department, and refuse others in their words', () => {
      expect(actsAsClerk(clerk('window'), 'act', 'assess-fee')).to.deep.equal({
        ok: true,
        department: 'window',
      });
      expect(actsAsClerk(clerk(null), 'act', 'assess-fee')).to.deep.equal({
        ok: true,
        department: undefined,
      });
      expect(actsAsClerk(applicant, 'act', 'assess-fee')).to.deep.include({
        ok: false,
        reason: 'fees are assessed by department clerks',
      });
      expect(actsAsClerk(clerk('window'), 'read', 'assess-fee')).to.deep.include({
        ok: false,
        reason: 'you follow this enterprise as its liaison, read-only',
      });
    });
  });
});
