import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { englishSentences } from '../support/english.ts';
import { casePath, createDraft, expectProblem, sendEvent, sendOk } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

const ZH = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };

describeEachDatabase('http/problem codes and languages', (kind) => {
  const t = withService(kind);

  it('should give every field error a code and params, and word them in English by default', async () => {
    const body = constructionPermitApplication();
    const response = await t.svc.request('POST', '/api/v1/applications', {
      token: t.who.applicant,
      body: { ...body, project: { ...body.project, name: 'x'.repeat(201) } },
    });
    expectProblem(response, 422, 'validation-failed');
    expect(response.body).to.include({ code: 'draft-too-large' });
    expect(response.body.detail).to.equal('the draft is over a size limit; shorten the fields listed');
    expect(response.body.errors).to.deep.equal([
      {
        pointer: '/project/name',
        code: 'text-not-blank',
        params: { max: 200 },
        detail: 'must be 1 to 200 characters and not blank',
      },
    ]);
    expect(response.headers.get('vary')).to.match(/Accept-Language/i);
  });

  it('should word detail and field errors in Chinese for Accept-Language: zh-CN, with the same codes', async () => {
    const body = constructionPermitApplication();
    const response = await t.svc.request('POST', '/api/v1/applications', {
      token: t.who.applicant,
      headers: ZH,
      body: { ...body, project: { ...body.project, name: 'x'.repeat(201) } },
    });
    expectProblem(response, 422, 'validation-failed');
    expect(response.body).to.include({
      code: 'draft-too-large',
      detail: '草稿内容超出长度限制，请缩短所列栏目',
    });
    expect(response.body.errors).to.deep.equal([
      {
        pointer: '/project/name',
        code: 'text-not-blank',
        params: { max: 200 },
        detail: '须为 1 至 200 个字符，不能全为空白',
      },
    ]);
  });

  it('should say an incomplete submission in Chinese, field by field, with the rule of each', async () => {
    const body = constructionPermitApplication();
    const id = await createDraft(t.svc, t.who.applicant, {
      workflow: body.workflow,
      project: { code: body.project.code },
      form: {},
    });
    const response = await sendEvent(t.svc, t.who.applicant, id, { type: 'SUBMIT' }, ZH);
    expectProblem(response, 422, 'validation-failed');
    expect(response.body).to.include({
      code: 'application-incomplete',
      detail: '申请表未填完整或有误，请按提示修改',
    });
    const name = response.body.errors.find((e: { pointer: string }) => e.pointer === '/project/name');
    expect(name).to.deep.equal({
      pointer: '/project/name',
      code: 'required',
      params: { rule: 'text-not-blank', max: 200 },
      detail: '必填：须为 1 至 200 个字符，不能全为空白',
    });
    for (const found of response.body.errors) {
      expect(englishSentences(found.detail), found.pointer).to.deep.equal([]);
    }
  });

  it('should code a refusal of the state and a refusal of the role, naming the department in Chinese', async () => {
    const body = constructionPermitApplication();
    const id = await createDraft(t.svc, t.who.applicant, body);
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    const again = await sendEvent(t.svc, t.who.applicant, id, { type: 'SUBMIT' }, ZH);
    expectProblem(again, 409, 'event-not-allowed');
    expect(again.body).to.deep.include({ code: 'event-not-allowed' });
    expect(again.body.params).to.include({ event: 'SUBMIT', status: 'submitted' });
    expect(again.body.detail).to.match(/[\u4e00-\u9fff]/);
    await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });

    const other = await sendEvent(
      t.svc,
      t.who.clerk('planning'),
      id,
      { type: 'APPROVE', department: 'housing' },
      ZH,
    );
    expectProblem(other, 403, 'forbidden');
    expect(other.body).to.deep.include({
      code: 'other-department',
      params: { department: 'planning', requested: 'housing' },
      detail: '自然资源和规划的工作人员只能办理本部门事项，不能代住房和城乡建设办理',
    });
    const english = await sendEvent(t.svc, t.who.clerk('planning'), id, {
      type: 'APPROVE',
      department: 'housing',
    });
    expect(english.body.detail).to.equal('a clerk of planning acts only for planning, not housing');
  });

  it('should code what the HTTP plumbing refuses, in either language', async () => {
    const broken = await t.svc.request('POST', '/api/v1/applications', {
      token: t.who.applicant,
      rawBody: '{"workflow":',
      headers: ZH,
    });
    expectProblem(broken, 400, 'malformed-request');
    expect(broken.body).to.include({ code: 'not-json', detail: '提交的内容不是有效的 JSON' });

    const anonymous = await t.svc.request('GET', '/api/v1/applications', { headers: ZH });
    expectProblem(anonymous, 401, 'unauthorized');
    expect(anonymous.body).to.include({ code: 'not-authenticated', detail: '请先登录' });

    const limit = await t.svc.request('GET', '/api/v1/applications?limit=0', { token: t.who.applicant });
    expectProblem(limit, 400, 'malformed-request');
    expect(limit.body).to.deep.include({ code: 'page-limit', params: {} });
    expect(limit.body.errors).to.deep.equal([
      { pointer: '/query/limit', code: 'limit-range', detail: 'must be 1–500' },
    ]);

    const nowhere = await t.svc.request('GET', casePath('00000000-0000-4000-8000-000000000000'), {
      token: t.who.applicant,
      headers: ZH,
    });
    expectProblem(nowhere, 404, 'not-found');
    expect(nowhere.body).to.deep.include({
      code: 'application-not-visible',
      params: { id: '00000000-0000-4000-8000-000000000000' },
    });
  });
});
