import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { loadReferenceCalendar } from '../../src/calendar/reference-data.ts';
import { API_ROUTES as ROUTES } from '../../src/app.ts';
import { buildOpenApi, COMPONENT_SCHEMAS, toComponent, type RouteDoc } from '../../src/openapi/index.ts';
import { compileSchema, loadSchema } from '../../src/validation/index.ts';
import {
  completionAcceptanceExample,
  completionForm,
  minimalCompletionForm,
} from '../fixtures/completion-acceptance.ts';
import { constructionPermitExample } from '../fixtures/construction-permit-example.ts';
import { minimalPermitForm, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { BASELINE, TASK_FORCE } from '../support/task-forces.ts';
import { permitHistoryLine } from '../fixtures/permit-history.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { PROPOSAL } from '../support/investment-review-scene.ts';
import { DocumentSchemas, operationOf, pointerToken } from './support.ts';

/** Request bodies the other suites send, by schema: each documented body schema must accept them. */
const BODY_FIXTURES: Record<string, unknown[]> = {
  'application-create': [
    constructionPermitExample,
    completionAcceptanceExample,
    { workflow: 'construction-permit', project: { name: 'Plant II' } },
    {
      workflow: 'construction-permit',
      applicant: ENTERPRISE,
      project: permitProject,
      form: minimalPermitForm,
    },
  ],
  'application-patch': [{ form: { storeys: 5 } }, { project: { location: null }, form: {} }],
  event: [
    { type: 'SUBMIT' },
    { type: 'APPROVE', department: 'fire' },
    {
      type: 'REQUEST_SUPPLEMENT',
      department: 'planning',
      comment: 'The site plan must show the fire access road.',
    },
    { type: 'EXTEND', comment: 'Joint handling needs an expert review.', data: { workingDays: 10 } },
    { type: 'ACCEPT_WITH_DEFICIENCIES', data: { items: ['Stamped drawings'], pledgeDate: '2026-03-20' } },
  ],
  checklist: [JSON.parse(readFileSync(new URL('../../db/seeds/checklist.json', import.meta.url), 'utf8'))],
  'material-submission': [
    { code: 'construction-drawings', reuse: '0b1c6f1e-5d3a-4c2b-9f0e-1a2b3c4d5e6f' },
    { code: 'planning-permit', licence: 'JSGH-2026-000123' },
  ],
  'material-catalog': Object.values(
    JSON.parse(readFileSync(new URL('../../db/seeds/materials.json', import.meta.url), 'utf8')),
  ),
  'guide-request': [
    { workflow: 'completion-acceptance' },
    { workflow: 'construction-permit', form: { useCategory: 'industrial', undergroundAreaM2: 2400 } },
    { workflow: 'construction-permit', project: { name: 'Plant' }, form: {} },
  ],
  'fee-assess': [{ code: 'infrastructure-supporting' }, { code: 'extra-certificate', quantity: 3 }],
  'fee-payment': [{ paymentRef: 'NTR-2026-000451' }],
  'task-assign': [{ clerk: 'clerk-fire-2' }],
  'enterprise-entry': [
    { name: '景德镇陶瓷材料有限公司' },
    { name: '景德镇陶瓷材料有限公司', legalRepresentative: '张三', contactPhone: '0798-8888888' },
  ],
  'fee-waiver': [{ reason: 'Affordable housing exemption.' }],
  'inspection-schedule': [{ code: 'planning-verification', scheduledAt: '2026-03-04T09:30:00+08:00' }],
  'inspection-result': [
    { result: 'pass' },
    { result: 'fail', findings: 'The fire door on level 2 does not close.' },
  ],
  'delegation-request': [
    { expiresAt: '2026-12-31T23:59:59+08:00' },
    {
      agent: 'agent-1',
      stages: [2, 'completion-acceptance'],
      expiresAt: '2026-12-31T23:59:59+08:00',
      note: 'All',
    },
    { applications: ['0b9d9c3e-4a4f-4c1e-9a53-6f0f8a3c2b11'], expiresAt: '2026-06-30T18:00:00+08:00' },
  ],
  'delegation-action': [{}, { comment: 'We do not cover this district.' }],
  'licence-event': [
    { type: 'WORKS_STARTED' },
    { type: 'EXTENSION_REQUESTED', comment: '场地移交延误', data: { months: 2 } },
    { type: 'EXTEND' },
    { type: 'REVOKE', comment: '以伪造的土地证明骗取' },
    { type: 'CORRECT', comment: '名称有误', data: { holderName: '景德镇航空城构件股份有限公司' } },
  ],
  'rating-create': [
    { level: 2, channel: 2 },
    { level: 5, channel: 1, department: 'planning', tags: ['多次跑动'], text: '补正要求前后不一' },
  ],
  'rating-follow-up-event': [
    { type: 'CONTACT', comment: '已电话联系评价人' },
    { type: 'VERIFY', data: { finding: 'justified' } },
    { type: 'ANSWER', comment: '已整改并答复' },
    { type: 'EXCLUDE', comment: '恶意评价' },
    { type: 'RATE_FOLLOW_UP', data: { level: 2 } },
  ],
  liaison: [{ clerk: 'clerk-window' }],
  'credit-record-create': [
    { enterprise: ENTERPRISE, kind: 'false-pledge', source: '告知承诺核查不实', decidedOn: '2026-03-31' },
    {
      enterprise: ENTERPRISE,
      kind: 'serious-bad-credit',
      source: '信用中国 严重失信主体名单 2026-0173',
      decidedOn: '2026-02-10',
      ineligibleUntil: null,
    },
  ],
  'credit-repair-request': [{ record: '0b9d9c3e-4a4f-4c1e-9a53-6f0f8a3c2b11', reason: '已完成整改。' }],
  'credit-repair-event': [
    { type: 'GRANT', comment: '准予修复。' },
    { type: 'REFUSE', comment: '整改材料不全。' },
  ],
  'pledge-verification-event': [
    { type: 'VERIFIED', data: { method: 'on-site' } },
    { type: 'NON_COMPLIANT', comment: '安全施工措施未落实', data: { method: 'in-writing' } },
    { type: 'RECTIFIED' },
  ],
  'dev-sign-in': [
    { role: 'clerk', org: 'fire' },
    { role: 'applicant', org: ENTERPRISE, sub: 'ent-user', name: 'Li Na' },
  ],
  'import-line': [permitHistoryLine()],
  'task-force': [TASK_FORCE],
  'plan-baseline': [{ planned: BASELINE }, { planned: { signing: '2026-01-05' }, reason: '重新排期' }],
  'baseline-decision': [{ approve: true }, { approve: false, comment: '理由不充分' }],
  'milestone-actual': [{ actualOn: '2026-03-02' }],
  'project-issue-new': [
    { title: '施工用电接入滞后', owner: '区供电公司', deadline: '2026-03-13' },
    { title: '临时占道审批', owner: '区城管局', deadline: '2026-03-20', measures: '专班协调' },
  ],
  'project-issue-change': [
    { status: 'resolved' },
    { owner: '区住建局', deadline: '2026-04-01', measures: '加快' },
  ],
  dispatch: [{}, { heldOn: '2026-03-06' }],
  'calendar-year': [
    { holidays: loadReferenceCalendar()['2026'] },
    { holidays: loadReferenceCalendar()['2025'], source: 'State Council notice' },
  ],
  'expert-entry': [
    { name: '王建国', fields: ['new-materials'] },
    {
      name: '李敏',
      fields: ['electronics', 'new-materials'],
      employerUscc: OTHER_ENTERPRISE,
      relations: [{ uscc: ENTERPRISE, kind: 'consulted-for', note: '2024 年咨询' }],
      status: 'inactive',
    },
  ],
  'review-draw': [{}, { seed: '2026-03-11-lottery-4417' }],
  'review-declaration': [{ conflict: false }, { conflict: true, ground: 'employer', note: '现任职' }],
  'review-objection-decision': [{ upheld: true, comment: '理由成立' }],
  'review-absence': [{ expert: 'e1' }],
  'review-ballot': [
    {
      vote: 'reject',
      gates: { 'industrial-policy': 'pass', 'land-use-plan': 'fail', environment: 'pass' },
      scores: {
        'investment-intensity': 40,
        'tax-yield': 30,
        technology: 50,
        'land-efficiency': 40,
        jobs: 60,
      },
      reasons: ['land-use'],
      comment: '用地不符合规划',
    },
  ],
};

/** The schemas the forms and the project are checked against on SUBMIT, with fixtures of the other suites. */
const CONTENT_FIXTURES: Record<string, unknown[]> = {
  project: [permitProject, { name: 'Plant II' }],
  'construction-permit.form': [permitForm, minimalPermitForm],
  'completion-acceptance.form': [completionForm, minimalCompletionForm],
  'investment-proposal.form': [PROPOSAL, { ...PROPOSAL, summary: '高纯氧化铝陶瓷基板' }],
};

const requestSchemaPointer = (route: RouteDoc, mediaType: string) =>
  `#/paths/${pointerToken(route.path)}/${route.method}/requestBody/content/${pointerToken(mediaType)}/schema`;

describe('openapi', () => {
  const { document, files } = buildOpenApi(ROUTES);
  const schemas = new DocumentSchemas(document);

  describe('request bodies', () => {
    const bodyRoutes = ROUTES.filter((r) => r.body);

    it('should be the schemas the routes validate with: the loadSchema objects parseBody compiles', () => {
      for (const route of bodyRoutes) {
        const name = route.body!.schema;
        const file = files.find((f) => f.key === name)!;
        expect(file.kind, name).to.equal('request');
        // The very object parseBody (and the checklist and import routes) compile: no second copy.
        expect(file.schema, name).to.equal(loadSchema(name));
        expect(document.components.schemas[name], name).to.deep.equal(toComponent(file, files));
        for (const type of route.body!.mediaTypes ?? ['application/json']) {
          expect(
            operationOf(document, route.method, route.path).requestBody!.content[type],
            name,
          ).to.deep.equal({
            schema: { $ref: `${COMPONENT_SCHEMAS}${name}` },
          });
        }
      }
    });

    it('should accept the request bodies of the test fixtures, as published in the document', () => {
      for (const route of bodyRoutes) {
        const name = route.body!.schema;
        const fixtures = BODY_FIXTURES[name];
        expect(fixtures, `fixtures for ${name}`).to.be.an('array').that.is.not.empty;
        for (const mediaType of route.body!.mediaTypes ?? ['application/json']) {
          for (const fixture of fixtures) {
            expect(
              schemas.errors(requestSchemaPointer(route, mediaType), fixture),
              `${route.operationId} ${name}`,
            ).to.deep.equal([]);
            // And the service's own validator agrees.
            expect(compileSchema(loadSchema(name))(fixture).ok, name).to.equal(true);
          }
        }
      }
      for (const [name, fixtures] of Object.entries(CONTENT_FIXTURES)) {
        for (const fixture of fixtures) {
          expect(schemas.errors(`${COMPONENT_SCHEMAS}${pointerToken(name)}`, fixture), name).to.deep.equal(
            [],
          );
        }
      }
    });

    it("should accept every schema's own examples, and refuse what the service refuses", () => {
      for (const file of files) {
        for (const example of (file.schema.examples as unknown[] | undefined) ?? []) {
          expect(
            schemas.errors(`${COMPONENT_SCHEMAS}${pointerToken(file.key)}`, example),
            file.key,
          ).to.deep.equal([]);
        }
      }
      const form = `${COMPONENT_SCHEMAS}construction-permit.form`;
      expect(schemas.errors(form, { ...permitForm, floorAreaM2: 0 })).not.to.deep.equal([]);
      expect(
        schemas.errors(form, { ...permitForm, designUnit: { uscc: 'bad', name: 'X' } }),
      ).not.to.deep.equal([]);
      expect(
        schemas.errors(`${COMPONENT_SCHEMAS}completion-acceptance.form`, {
          ...completionForm,
          useCategory: 'farm',
        }),
      ).not.to.deep.equal([]);
      expect(
        schemas.errors(`${COMPONENT_SCHEMAS}checklist`, { fees: [{ code: 'x' }], inspections: [] }),
      ).not.to.deep.equal([]);
    });
  });
});
