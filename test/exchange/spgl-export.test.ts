import { expect } from 'chai';
import { BLZT_NAMES } from '../../src/exchange/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { acceptedCase, createDraft, expectProblem, sendOk, type TestService } from '../support/http.ts';
import { licensedProject, minimalPermitForm, submittedLicensedPermit } from '../support/licences.ts';
import { handInRequired, uploadOk } from '../support/materials.ts';
import { withService } from '../support/with-service.ts';

/** One exported line. */
interface Line {
  cursor: string;
  table: string;
  record: Record<string, unknown>;
}

/** Reads the whole export after `since` as an auditor, following the cursor page by page. */
async function exportAll(svc: TestService, token: string, since = '0', query = ''): Promise<Line[]> {
  const lines: Line[] = [];
  let cursor = since;
  for (;;) {
    const res = await svc.request('GET', `/api/v1/exchange/spgl?since=${cursor}&limit=7${query}`, { token });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/x-ndjson/);
    const page = String(res.body)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);
    if (page.length === 0) return lines;
    lines.push(...page);
    cursor = page[page.length - 1]!.cursor;
  }
}

/** The handling steps of one case as `code name @ section`, in the order they were written. */
function stepsOf(lines: Line[], caseId: string): string[] {
  return lines
    .filter((l) => l.table === 'SPGL_XMSPSXBLXXXXB' && l.record.SPSXSLBM === caseId)
    .map((l) => `${l.record.BLZT} ${BLZT_NAMES[Number(l.record.BLZT)]} @ ${l.record.BLCS}`);
}

describeEachDatabase('exchange: the national exchange records', (kind) => {
  const t = withService(kind);
  beforeEach(() => t.svc.clock.set('2026-03-02T09:00:00+08:00'));

  /** Moves the clock past the settle time, so that everything written so far is exported. */
  const settle = () => t.svc.clock.advance({ ms: 60_000 });

  it('should report a permit case step by step, with both 补正 pairs, the departments and the licence', async () => {
    const { svc, who } = t;
    const before = await exportAll(svc, who.auditor);
    const since = before.length ? before[before.length - 1]!.cursor : '0';
    const id = await submittedLicensedPermit(svc, who);
    svc.clock.advance({ hours: 1 });
    await sendOk(svc, who.clerk('window'), id, {
      type: 'REQUEST_SUPPLEMENT',
      comment: '缺少施工图审查合格书',
    });
    svc.clock.advance({ hours: 1 });
    await sendOk(svc, who.applicant, id, { type: 'SUPPLEMENT' });
    svc.clock.advance({ hours: 1 });
    await sendOk(svc, who.clerk('window'), id, { type: 'ACCEPT' });
    svc.clock.advance({ hours: 1 });
    await sendOk(svc, who.clerk('planning'), id, {
      type: 'REQUEST_SUPPLEMENT',
      department: 'planning',
      comment: '总平面图未盖章',
    });
    await sendOk(svc, who.applicant, id, { type: 'SUPPLEMENT' });
    await sendOk(svc, who.clerk('planning'), id, { type: 'APPROVE', department: 'planning' });
    await sendOk(svc, who.clerk('housing'), id, { type: 'APPROVE', department: 'housing' });
    await sendOk(svc, who.clerk('window'), id, { type: 'ISSUE' });
    settle();

    const lines = (await exportAll(svc, who.auditor, since)).filter(
      (l) => l.record.SPSXSLBM === id || l.record.DFSJZJ === licensedProject.code,
    );
    // The window asked for papers before accepting, planning once after: two 补正 pairs; planning takes the
    // case up once although its review reopened after the papers came.
    expect(stepsOf(lines, id)).to.deep.equal([
      '1 接件 @ 综合窗口',
      '6 补正开始 @ 综合窗口',
      '7 补正结束 @ 综合窗口',
      '3 窗口受理 @ 综合窗口',
      '8 部门受理 @ 自然资源和规划',
      '8 部门受理 @ 住房和城乡建设',
      '6 补正开始 @ 自然资源和规划',
      '7 补正结束 @ 综合窗口',
      '11 办结通过 @ 综合窗口',
    ]);
    const step = (code: number) =>
      lines.find((l) => l.table === 'SPGL_XMSPSXBLXXXXB' && l.record.BLZT === code)!.record;
    // Beijing time as the standard writes it; the reason as the clerk gave it.
    expect(step(6)).to.include({
      BLSJ: '2026-03-02 10:00:00',
      BLYJ: '缺少施工图审查合格书',
      GCDM: licensedProject.code,
    });
    expect(step(3)).to.include({ BLSJ: '2026-03-02 12:00:00', XZQHDM: '360200' });

    // The item: written on receipt (no acceptance time yet) and again on acceptance; before its steps.
    const items = lines.filter((l) => l.table === 'SPGL_XMSPSXBLXXB');
    expect(items.map((l) => [l.record.SLSJ, l.record.SXBLSX])).to.deep.equal([
      [null, null],
      ['2026-03-02 12:00:00', 45],
    ]);
    expect(items[0]!.record).to.include({
      SPSXSLBM: id,
      GCDM: licensedProject.code,
      SPLCBM: 'construction-permit',
    });
    expect(Number(items[0]!.cursor)).to.be.below(
      Number(lines.find((l) => l.table === 'SPGL_XMSPSXBLXXXXB')!.cursor),
    );

    // The approval document is the licence the ISSUE produced.
    const licence = await svc.service.db.knex('licences').where({ application_id: id }).first('number');
    const [doc] = lines.filter((l) => l.table === 'SPGL_XMSPSXPFWJXXB');
    expect(doc!.record).to.include({
      PFWH: licence.number,
      PFWJBT: '建筑工程施工许可证',
      PFRQ: '2026-03-02',
      SJYXBS: 1,
    });
    expect(doc!.record.FJID).to.match(new RegExp(`/api/v1/licences/${licence.number}/pdf$`));
  });

  it('should report an expert review as the 特别程序 pair, begun by the department that called it', async () => {
    const { svc, who } = t;
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    svc.clock.advance({ hours: 2 });
    await sendOk(svc, who.clerk('fire'), id, {
      type: 'START_EXPERT_REVIEW',
      department: 'fire',
      comment: '特殊消防设计，组织专家评审',
    });
    svc.clock.advance({ days: 2 });
    await sendOk(svc, who.clerk('fire'), id, {
      type: 'RECORD_EXPERT_OPINION',
      department: 'fire',
      comment: '专家评审通过',
    });
    settle();
    const steps = stepsOf(await exportAll(svc, who.auditor), id);
    expect(steps.slice(-2)).to.deep.equal([
      '9 特别程序开始 @ 消防设计审查验收',
      '10 特别程序结束 @ 综合窗口',
    ]);
  });

  it('should report the project once, however many cases name it', async () => {
    const { svc, who } = t;
    await submittedLicensedPermit(svc, who);
    await submittedLicensedPermit(svc, who);
    settle();
    const projects = (await exportAll(svc, who.auditor)).filter((l) => l.table === 'SPGL_XMJBXXB');
    expect(projects.map((l) => l.record.XMDM)).to.deep.equal([licensedProject.code]);
    expect(projects[0]!.record).to.include({ XMMC: licensedProject.name, XZQHDM: '360200' });
  });

  it('should tell a withdrawal before acceptance (撤件) from one after (撤回), and a refusal from a denial', async () => {
    const { svc, who } = t;
    const early = await submittedLicensedPermit(svc, who);
    await sendOk(svc, who.applicant, early, { type: 'WITHDRAW' });
    const late = await submittedLicensedPermit(svc, who);
    await sendOk(svc, who.clerk('window'), late, { type: 'ACCEPT' });
    await sendOk(svc, who.applicant, late, { type: 'WITHDRAW' });
    const refused = await submittedLicensedPermit(svc, who);
    await sendOk(svc, who.clerk('window'), refused, { type: 'REFUSE', comment: '不属于本机关职权范围' });
    const denied = await submittedLicensedPermit(svc, who);
    await sendOk(svc, who.clerk('window'), denied, { type: 'ACCEPT' });
    await sendOk(svc, who.clerk('housing'), denied, {
      type: 'DENY',
      department: 'housing',
      comment: '不符合条件',
    });
    settle();
    const lines = await exportAll(svc, who.auditor);
    const last = (id: string) => stepsOf(lines, id).at(-1);
    expect(last(early)).to.equal('2 撤件 @ 综合窗口');
    expect(last(late)).to.equal('14 撤回 @ 综合窗口');
    expect(last(refused)).to.equal('5 不予受理 @ 综合窗口');
    expect(last(denied)).to.equal('13 办结不通过 @ 住房和城乡建设');
  });

  it('should report a case accepted with papers missing as 办结(容缺)通过, and a revoked licence as 撤销', async () => {
    const { svc, who } = t;
    // The enterprise hands in all but the papers that may follow under a pledge, and submits.
    const id = await createDraft(svc, who.applicant, {
      workflow: 'construction-permit',
      project: licensedProject,
      form: minimalPermitForm,
    });
    const draft = await svc.request('GET', `/api/v1/applications/${id}`, { token: who.applicant });
    const items = draft.body.requiredMaterials as Array<{
      code: string;
      required: boolean;
      pledgeable: boolean;
    }>;
    const pledged = items.filter((i) => i.required && i.pledgeable).map((i) => i.code);
    expect(pledged).to.not.deep.equal([]);
    await handInRequired(svc, who.applicant, id, pledged);
    const submitted = await svc.request('POST', `/api/v1/applications/${id}/events`, {
      token: who.applicant,
      body: { type: 'SUBMIT' },
    });
    expect(submitted.status).to.equal(200);
    await sendOk(svc, who.clerk('window'), id, {
      type: 'ACCEPT_WITH_DEFICIENCIES',
      data: { items: pledged, pledgeDate: '2026-03-20' },
    });
    // The last pledged paper delivered is the SUPPLEMENT that fulfils the pledge.
    for (const code of pledged) await uploadOk(svc, who.applicant, id, code);
    await sendOk(svc, who.clerk('planning'), id, { type: 'APPROVE', department: 'planning' });
    await sendOk(svc, who.clerk('housing'), id, { type: 'APPROVE', department: 'housing' });
    await sendOk(svc, who.clerk('window'), id, { type: 'ISSUE' });
    const licence = await svc.service.db.knex('licences').where({ application_id: id }).first('number');
    svc.clock.advance({ days: 3 });
    const revoke = await svc.request('POST', `/api/v1/licences/${licence.number}/events`, {
      token: who.clerk('window'),
      body: { type: 'REVOKE', comment: '以伪造的土地证明骗取' },
    });
    expect(revoke.status).to.equal(200);
    settle();
    const lines = await exportAll(svc, who.auditor);
    expect(stepsOf(lines, id).slice(-2)).to.deep.equal([
      '12 办结(容缺)通过 @ 综合窗口',
      '15 撤销 @ 综合窗口',
    ]);
    const docs = lines.filter((l) => l.table === 'SPGL_XMSPSXPFWJXXB' && l.record.PFWH === licence.number);
    expect(docs.map((l) => [l.record.SJYXBS, l.record.SJWXYY])).to.deep.equal([
      [1, null],
      [0, '以伪造的土地证明骗取'],
    ]);
  });

  it('should hold back records younger than the settle time', async () => {
    const { svc, who } = t;
    settle();
    const before = await exportAll(svc, who.auditor);
    const id = await submittedLicensedPermit(svc, who);
    const fresh = await exportAll(svc, who.auditor, before.at(-1)?.cursor ?? '0');
    expect(fresh.filter((l) => l.record.SPSXSLBM === id)).to.deep.equal([]);
    svc.clock.advance({ ms: 5_001 });
    const settled = await exportAll(svc, who.auditor, before.at(-1)?.cursor ?? '0');
    expect(stepsOf(settled, id)).to.deep.equal(['1 接件 @ 综合窗口']);
  });

  it('should give one table as CSV with the standard field names', async () => {
    const { svc, who } = t;
    await submittedLicensedPermit(svc, who);
    settle();
    const res = await svc.request('GET', '/api/v1/exchange/spgl?table=SPGL_XMSPSXBLXXXXB&limit=500', {
      token: who.auditor,
      headers: { accept: 'text/csv' },
    });
    expect(res.status).to.equal(200);
    const [header, ...rows] = String(res.body).trim().split('\r\n');
    expect(header).to.equal('DFSJZJ,XZQHDM,GCDM,SPSXSLBM,BLCS,BLR,BLZT,BLYJ,BLSJ,SJYXBS,GXSJ');
    expect(rows.length).to.be.above(0);
  });

  it('should refuse the export to enterprises and clerks, and bad cursors and tables, reading nothing', async () => {
    const { svc, who } = t;
    const get = (token: string, query = '', headers: Record<string, string> = {}) =>
      svc.request('GET', `/api/v1/exchange/spgl${query}`, { token, headers });
    expectProblem(await get(who.applicant), 403, 'forbidden');
    expectProblem(await get(who.clerk('window')), 403, 'forbidden');
    expectProblem(await svc.request('GET', '/api/v1/exchange/spgl'), 401, 'unauthorized');
    expectProblem(await get(who.auditor, '?since=abc'), 400, 'malformed-request');
    expectProblem(await get(who.auditor, '?table=SPGL_NOPE'), 400, 'malformed-request');
    expectProblem(await get(who.auditor, '', { accept: 'text/csv' }), 400, 'malformed-request');
    expectProblem(await get(who.auditor, '?limit=501'), 400, 'malformed-request');
  });
});
