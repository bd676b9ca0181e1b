import { expect } from 'chai';
import { completionAcceptanceExample, minimalCompletionForm } from '../fixtures/completion-acceptance.ts';
import { minimalPermitForm, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { casePath, createDraft, sendOk } from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { withService } from '../support/with-service.ts';

const GUIDE = '/api/v1/guide';

/** What the seeded catalogs require always, written out from db/seeds/materials.json. */
const PERMIT_ALWAYS = [
  'permit-application-form',
  'land-use-documents',
  'planning-permit',
  'site-readiness-statement',
  'contractor-award',
  'drawings-review-certificate',
  'construction-drawings',
  'quality-safety-measures',
  'funding-commitment',
  'land-survey-report',
];
const COMPLETION_ALWAYS = [
  'joint-acceptance-application',
  'construction-permit',
  'completion-report',
  'construction-technical-files',
  'materials-test-reports',
  'five-party-quality-documents',
  'quality-warranty',
  'as-built-survey',
  'land-verification-report',
];

/** A form as the case takes it, and the same facts told to the guide with the defaults written out. */
interface Scenario {
  name: string;
  workflow: string;
  project: Record<string, unknown>;
  form: Record<string, unknown>;
  /** The form's absent optional facts, as the form schema says absence counts. */
  defaults: Record<string, unknown>;
  /** Materials the seeded catalog requires for it (db/seeds/materials.json). */
  materials: string[];
  /** Working days (docs/domain.md, "Time limits") and the due dates on the 2026 calendar, counted from Monday 2 March. */
  tasks: Array<{ department: string; action: string; limitDays: number; due: string }>;
  caseLimit: number;
}

const due = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

const SCENARIOS: Scenario[] = [
  {
    name: 'the full construction-permit example',
    workflow: 'construction-permit',
    project: permitProject,
    form: permitForm,
    defaults: {},
    materials: [
      ...PERMIT_ALWAYS,
      'fire-design-documents',
      'civil-defence-drawings',
      'environmental-report-table',
    ],
    tasks: [
      { department: 'window', action: 'intake', limitDays: 5, due: due('2026-03-09') },
      { department: 'planning', action: 'review', limitDays: 20, due: due('2026-03-30') },
      { department: 'housing', action: 'review', limitDays: 7, due: due('2026-03-11') },
      { department: 'fire', action: 'review', limitDays: 15, due: due('2026-03-23') },
      { department: 'civil-defense', action: 'review', limitDays: 20, due: due('2026-03-30') },
      // Qingming (4–6 April) is skipped.
      { department: 'environment', action: 'review', limitDays: 30, due: due('2026-04-14') },
    ],
    caseLimit: 45,
  },
  {
    name: 'a minimal construction-permit form',
    workflow: 'construction-permit',
    project: permitProject,
    form: minimalPermitForm,
    defaults: { undergroundAreaM2: 0, specialFireWorks: false, environmentalCategory: 'none' },
    materials: PERMIT_ALWAYS,
    tasks: [
      { department: 'window', action: 'intake', limitDays: 5, due: due('2026-03-09') },
      { department: 'planning', action: 'review', limitDays: 20, due: due('2026-03-30') },
      { department: 'housing', action: 'review', limitDays: 7, due: due('2026-03-11') },
    ],
    caseLimit: 45,
  },
  {
    name: 'a minimal completion-acceptance form',
    workflow: 'completion-acceptance',
    project: completionAcceptanceExample.project,
    form: minimalCompletionForm,
    defaults: { undergroundAreaM2: 0, specialFireWorks: false },
    materials: [
      ...COMPLETION_ALWAYS,
      'fire-filing-documents',
      'archives-package',
      'lightning-protection-report',
    ],
    tasks: [
      { department: 'window', action: 'intake', limitDays: 5, due: due('2026-03-09') },
      ...['planning', 'land', 'fire', 'archives', 'meteorology', 'quality'].map((department) => ({
        department,
        action: 'inspect',
        limitDays: 5,
        due: due('2026-03-09'),
      })),
    ],
    caseLimit: 7,
  },
];

describeEachDatabase('guide/routes', (kind) => {
  const t = withService(kind);
  const guide = (body: unknown) => t.svc.request('POST', GUIDE, { body });

  describe('against the process', () => {
    for (const scenario of SCENARIOS) {
      it(`should say before sign-in what the case then asks, charges and inspects: ${scenario.name}`, async () => {
        const told = await guide({
          workflow: scenario.workflow,
          project: scenario.project,
          form: { ...scenario.form, ...scenario.defaults },
        });
        expect(told.status, JSON.stringify(told.body)).to.equal(200);
        const g = told.body;
        // Every fact that matters was given: nothing depends on anything.
        expect(g.dependsOn).to.deep.equal([]);
        expect(g.materials.map((m: { code: string }) => m.code)).to.have.members(scenario.materials);
        expect(g.departments).to.deep.equal(
          scenario.tasks.map(({ department, action, limitDays }) => ({
            department,
            action,
            limitDays: { value: limitDays, atLeast: limitDays, atMost: limitDays },
            source: g.departments.find((d: { department: string }) => d.department === department).source,
            dependsOn: [],
          })),
        );
        expect(g.caseLimit).to.deep.equal({
          value: scenario.caseLimit,
          atLeast: scenario.caseLimit,
          atMost: scenario.caseLimit,
          dependsOn: [],
        });

        // The same facts through the engine, as an enterprise and the window would send them; a completion
        // acceptance cites a construction permit the enterprise really holds.
        const form =
          scenario.workflow === 'completion-acceptance'
            ? { ...scenario.form, constructionPermitNo: (await issuedPermitLicence(t)).number }
            : scenario.form;
        const id = await createDraft(t.svc, t.who.applicant, {
          workflow: scenario.workflow,
          project: scenario.project,
          form,
        });
        await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
        const intake = await t.svc.request('GET', casePath(id), { token: t.who.auditor });
        await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
        const accepted = await t.svc.request('GET', casePath(id), { token: t.who.auditor });
        const asked = [
          ...intake.body.tasks,
          ...accepted.body.tasks.filter((k: { status: string }) => k.status === 'open'),
        ];
        expect(
          asked.map((k: { department: string; step: string; dueAt: string }) => ({
            department: k.department,
            action: k.step,
            due: k.dueAt,
          })),
        ).to.deep.equal(scenario.tasks.map(({ department, action, due }) => ({ department, action, due })));
        expect(accepted.body.timing.limitWorkingDays).to.equal(g.caseLimit.value);
        // What the case asked for before SUBMIT was let through, item by item, pledgeable ones marked alike.
        const papers = accepted.body.requiredMaterials.filter((m: { required: boolean }) => m.required);
        expect(
          papers.map((m: { code: string; pledgeable: boolean }) => [m.code, m.pledgeable]),
        ).to.deep.equal(
          g.materials.map((m: { code: string; pledgeable: boolean }) => [m.code, m.pledgeable]),
        );
        expect(accepted.body.requiredInspections.map((i: { code: string }) => i.code)).to.deep.equal(
          g.inspections.map((i: { code: string }) => i.code),
        );

        // Every fee the guide priced, assessed by its collecting clerk, comes to the amount the guide said.
        for (const fee of g.fees) {
          expect(fee.dependsOn).to.deep.equal([]);
          const assessed = await t.svc.request('POST', casePath(id, '/fees'), {
            token: t.who.clerk(fee.department),
            body: { code: fee.code, ...(fee.unit === 'certificate' ? { quantity: 1 } : {}) },
          });
          expect(assessed.status, JSON.stringify(assessed.body)).to.equal(201);
          expect({
            rate: assessed.body.rate,
            quantity: assessed.body.quantity,
            amount: assessed.body.amount,
          }).to.deep.equal({ rate: fee.rate, quantity: fee.quantity, amount: fee.amount });
        }
      });
    }
  });
});
