import { expect } from 'chai';
import { allowedEvents, canSeeCase, caseAccess, mayFile, maySend } from '../../src/auth/policy.ts';
import {
  admin,
  after,
  agent,
  applicant,
  AT,
  auditor,
  clerk,
  def,
  delegation,
  ENTERPRISE,
  facts,
  OTHER_ENTERPRISE,
  outsider,
  theCase,
} from '../support/policy-scene.ts';

describe('auth/policy (access, filing, events)', () => {
  describe('caseAccess and canSeeCase', () => {
    it('should let auditors and administrators read every case, never act', () => {
      expect(caseAccess(auditor, theCase, facts())).to.equal('read');
      expect(caseAccess(admin, theCase, facts())).to.equal('read');
    });

    it("should let an enterprise act on its own case and hide another enterprise's", () => {
      expect(caseAccess(applicant, theCase, facts())).to.equal('act');
      expect(caseAccess(outsider, theCase, facts())).to.equal('none');
      expect(canSeeCase(outsider, theCase, facts())).to.equal(false);
    });

    it("should let a clerk act on a case with its department's task, and a liaison only read", () => {
      expect(
        caseAccess(clerk('planning'), theCase, facts({ taskDepartments: new Set(['planning']) })),
      ).to.equal('act');
      expect(caseAccess(clerk('planning'), theCase, facts({ liaison: true }))).to.equal('read');
      expect(
        caseAccess(
          clerk('planning'),
          theCase,
          facts({ taskDepartments: new Set(['planning']), liaison: true }),
        ),
      ).to.equal('act');
      expect(canSeeCase(clerk('planning'), theCase, facts({ liaison: true }))).to.equal(true);
    });

    it("should hide a case from a clerk with neither a task on it nor the enterprise's liaison", () => {
      expect(caseAccess(clerk('planning'), theCase, facts({ taskDepartments: new Set(['fire']) }))).to.equal(
        'none',
      );
      expect(caseAccess(clerk(null), theCase, facts({ taskDepartments: new Set(['planning']) }))).to.equal(
        'none',
      );
      expect(canSeeCase(clerk('planning'), theCase, facts())).to.equal(false);
    });

    it('should let an agent act only under an active agreement that covers the case', () => {
      expect(caseAccess(agent, theCase, facts({ delegation }))).to.equal('act');
      expect(caseAccess(agent, theCase, facts({ delegation: null }))).to.equal('none');
      expect(caseAccess(agent, theCase, facts())).to.equal('none');
    });
  });

  describe('mayFile', () => {
    it('should let an enterprise file for itself, named or not', () => {
      expect(mayFile(applicant, undefined, undefined)).to.deep.equal({ ok: true });
      expect(mayFile(applicant, ENTERPRISE, undefined)).to.deep.equal({ ok: true });
    });

    it('should refuse an enterprise filing for another', () => {
      expect(mayFile(applicant, OTHER_ENTERPRISE, undefined)).to.deep.include({
        ok: false,
        reason: 'you file for your own enterprise 91310115591693856A, not 91310110666007217T',
      });
    });

    it('should let an agent file only for a named enterprise whose agreement covers the workflow', () => {
      expect(mayFile(agent, ENTERPRISE, delegation)).to.deep.equal({ ok: true });
      expect(mayFile(agent, undefined, delegation)).to.deep.include({
        ok: false,
        reason: 'an agent names the enterprise it files for in `applicant`',
      });
      expect(mayFile(agent, ENTERPRISE, undefined)).to.deep.include({
        ok: false,
        reason: 'you hold no active agreement from 91310115591693856A that covers this workflow',
      });
    });

    it('should refuse clerks, auditors and administrators', () => {
      for (const principal of [clerk('window'), auditor, admin]) {
        expect(mayFile(principal, ENTERPRISE, undefined), principal.role).to.deep.include({
          ok: false,
          reason: 'only an enterprise (or its agent) files applications',
        });
      }
    });
  });

  describe('maySend', () => {
    it("should let the enterprise and its agent send the applicant's events only", () => {
      expect(maySend(applicant, def, 'SUBMIT', undefined)).to.deep.equal({ ok: true });
      expect(maySend(agent, def, 'WITHDRAW', undefined)).to.deep.equal({ ok: true });
      for (const principal of [applicant, agent]) {
        expect(maySend(principal, def, 'ACCEPT', undefined), principal.role).to.deep.include({
          ok: false,
          reason: "ACCEPT is not an applicant's event; only SUBMIT, WITHDRAW",
        });
      }
    });

    it("should let the window's clerk send the window's events, for the window", () => {
      expect(maySend(clerk('window'), def, 'ACCEPT', undefined)).to.deep.equal({
        ok: true,
        department: 'window',
      });
      expect(maySend(clerk('window'), def, 'APPROVE', undefined)).to.deep.include({
        ok: false,
        reason: 'APPROVE is not an event a window clerk sends in test-permit',
      });
    });

    it("should let a department's clerk send the departments' events, for its own department only", () => {
      expect(maySend(clerk('planning'), def, 'APPROVE', undefined)).to.deep.equal({
        ok: true,
        department: 'planning',
      });
      expect(maySend(clerk('planning'), def, 'APPROVE', 'planning')).to.deep.equal({
        ok: true,
        department: 'planning',
      });
      expect(maySend(clerk('planning'), def, 'APPROVE', 'housing')).to.deep.include({
        ok: false,
        reason: 'a clerk of planning acts only for planning, not housing',
      });
      expect(maySend(clerk('planning'), def, 'ACCEPT', undefined)).to.deep.include({
        ok: false,
        reason: 'ACCEPT is not an event a planning clerk sends in test-permit',
      });
    });

    it('should refuse the clerk of a department the workflow does not involve', () => {
      expect(maySend(clerk('fire'), def, 'APPROVE', undefined)).to.deep.include({
        ok: false,
        reason: 'APPROVE is not an event a fire clerk sends in test-permit',
      });
    });

    it('should refuse auditors and administrators', () => {
      expect(maySend(auditor, def, 'SUBMIT', undefined)).to.deep.include({
        ok: false,
        reason: 'auditors read only',
      });
      expect(maySend(admin, def, 'ACCEPT', undefined)).to.deep.include({
        ok: false,
        reason: 'administrators do not act on cases',
      });
    });

    it("should let nobody send an event that has its own route, or a timer's event", () => {
      expect(maySend(clerk('window'), def, 'FEE_ASSESSED', undefined)).to.deep.include({
        ok: false,
        reason: 'FEE_ASSESSED is not sent as an event; use POST /api/v1/applications/:id/fees',
      });
      expect(maySend(clerk('window'), def, 'PLEDGE_EXPIRED', undefined)).to.deep.include({
        ok: false,
        reason: "PLEDGE_EXPIRED is sent by the engine's timers only",
      });
      expect(maySend(applicant, def, 'PLEDGE_EXPIRED', undefined)).to.deep.include({
        ok: false,
        reason: "PLEDGE_EXPIRED is sent by the engine's timers only",
      });
    });

    it('should refuse a liaison anything, before any other reason', () => {
      for (const type of ['ACCEPT', 'APPROVE', 'FEE_ASSESSED', 'PLEDGE_EXPIRED']) {
        expect(maySend(clerk('window'), def, type, undefined, 'read'), type).to.deep.include({
          ok: false,
          reason: 'you follow this enterprise as its liaison, read-only',
        });
      }
    });
  });

  describe('allowedEvents', () => {
    it('should list what the role may send and the current state takes', () => {
      expect(allowedEvents(applicant, def, after(), AT)).to.deep.equal(['SUBMIT']);
      expect(allowedEvents(applicant, def, after('SUBMIT'), AT)).to.deep.equal(['WITHDRAW']);
      expect(allowedEvents(clerk('window'), def, after('SUBMIT'), AT)).to.deep.equal(['ACCEPT', 'REFUSE']);
      expect(allowedEvents(clerk('window'), def, after(), AT)).to.deep.equal([]);
    });

    it("should ask the machine with the clerk's own department", () => {
      const review = after('SUBMIT', 'ACCEPT');
      expect(allowedEvents(clerk('planning'), def, review, AT)).to.deep.equal(['APPROVE', 'DENY']);
      expect(allowedEvents(clerk('housing'), def, review, AT)).to.deep.equal(['DENY']);
    });

    it('should list nothing for a reader, an auditor, or a case that has ended', () => {
      expect(allowedEvents(clerk('window'), def, after('SUBMIT'), AT, 'read')).to.deep.equal([]);
      expect(allowedEvents(auditor, def, after('SUBMIT'), AT)).to.deep.equal([]);
      expect(allowedEvents(applicant, def, after('SUBMIT', 'WITHDRAW'), AT)).to.deep.equal([]);
    });
  });
});
