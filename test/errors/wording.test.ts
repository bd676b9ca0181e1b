import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  FIELD_SENTENCES,
  PROBLEM_SENTENCES,
  SENTENCES,
  fieldError,
  isKnownCode,
  langOf,
  word,
  type WordParams,
} from '../../src/errors/index.ts';
import { englishSentences } from '../support/english.ts';

// Params that fill every placeholder any sentence has: identifiers and figures, as the callers give them.
const SAMPLE: WordParams = {
  max: 200,
  min: 1,
  places: 2,
  step: 0.5,
  kib: 16,
  years: 10,
  limit: 60,
  expected: 'X',
  earliest: '2000-01-01',
  latest: '2036-03-02',
  example: '2026-03-15T09:30:00+08:00',
  types: ['string', 'null'],
  allowed: ['open', 'closed'],
  pattern: '^[0-9]{6}$',
  format: 'uuid',
  first: 0,
  second: 2,
  keyword: 'if',
  integer: true,
  rule: 'text-not-blank',
  event: 'ACCEPT',
  status: 'submitted',
  state: '"intake"',
  id: '9f0c',
  version: 3,
  workflow: 'construction-permit',
  department: 'planning',
  departments: ['fire', 'quality'],
  requested: 'housing',
  collector: 'window',
  own: 'fire',
  inspection: 'fire-acceptance',
  fee: 'urban-infrastructure',
  outcome: 'paid',
  org: '91310115591693856A',
  enterprise: '91310110666007217T',
  uscc: '91310115591693856A',
  route: 'POST /api/v1/applications/:id/fees',
  roles: ['applicant', 'agent'],
  action: 'accept',
  act: 'assess-fee',
  name: 'limit',
  schema: 'event',
  sub: 'clerk-1',
  method: 'GET',
  path: '/api/v1/nothing',
  type: 'application/x-ndjson',
  year: 2027,
  raw: '20x7',
  value: 'fire-acceptance',
  where: '/form',
  what: 'the body',
  maxDepth: 32,
  finding: 'must not contain a NUL character (U+0000)',
  reason: 'x',
};

// Sentences that name a thing whose only name is a technical one (a header, a format) may carry it.
const ALLOWED = ['Authorization: Bearer', 'Idempotency-Key', 'Content-Type'];

describe('errors/wording', () => {
  it('should give every code a sentence in English and in Chinese', () => {
    const codes = Object.keys(SENTENCES);
    expect(codes.length).to.be.greaterThan(100);
    for (const code of codes) {
      const en = word(code, SAMPLE, 'en');
      const zh = word(code, SAMPLE, 'zh-CN');
      expect(en, code).to.be.a('string').and.not.equal('').and.not.equal(code);
      expect(zh, code).to.match(/[\u4e00-\u9fff]/, `${code} has no Chinese sentence`);
      expect(englishSentences(zh, ALLOWED), `${code} in Chinese: ${zh}`).to.deep.equal([]);
      expect(zh, code).not.to.contain('undefined');
      expect(en, code).not.to.contain('undefined');
    }
  });

  it('should keep field codes and problem codes apart, so a code means one thing', () => {
    const shared = Object.keys(FIELD_SENTENCES).filter((code) => Object.hasOwn(PROBLEM_SENTENCES, code));
    expect(shared).to.deep.equal([]);
  });

  it('should word a field error from its code and params, English unless asked', () => {
    const found = fieldError('/project/name', 'too-long', { max: 200 });
    expect(found).to.deep.equal({
      pointer: '/project/name',
      code: 'too-long',
      params: { max: 200 },
      detail: 'must be at most 200 characters long',
    });
    expect(word(found.code, found.params, 'zh-CN')).to.equal('最多 200 个字符');
    expect(word('required', { rule: 'text-not-blank', max: 200 }, 'zh-CN')).to.equal(
      '必填：须为 1 至 200 个字符，不能全为空白',
    );
    expect(word('required', { rule: 'text-not-blank', max: 200 })).to.equal(
      'is required and must be 1 to 200 characters and not blank',
    );
  });

  it('should name departments and events through the names it is given', () => {
    const names = {
      dept: (c: string) => ({ planning: '自然资源和规划', housing: '住房和城乡建设' })[c] ?? c,
    };
    expect(
      word('other-department', { department: 'planning', requested: 'housing' }, 'zh-CN', names),
    ).to.equal('自然资源和规划的工作人员只能办理本部门事项，不能代住房和城乡建设办理');
    expect(word('event-not-allowed', { event: 'ACCEPT', status: 'draft', state: '"draft"' })).to.equal(
      'ACCEPT is not allowed while the case is draft (state "draft")',
    );
  });

  it('should show an unknown code as itself', () => {
    expect(isKnownCode('no-such-code')).to.equal(false);
    expect(word('no-such-code', {}, 'zh-CN')).to.equal('no-such-code');
  });

  it("should know every rule the schemas name in x-error, with the rule's params", () => {
    const dir = new URL('../../schemas/', import.meta.url);
    const rules: Array<{ file: string; code: string }> = [];
    const walk = (node: unknown, file: string) => {
      if (Array.isArray(node)) node.forEach((n) => walk(n, file));
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'x-error') rules.push({ file, code: (value as { code: string }).code });
          else walk(value, file);
        }
      }
    };
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      walk(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), file);
    }
    expect(rules.length).to.be.greaterThan(10);
    for (const { file, code } of rules) expect(isKnownCode(code), `${file}: ${code}`).to.equal(true);
  });

  it('should have docs/api.md (Error codes) list every code', () => {
    const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const listed = new Set([...docs.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((m) => m[1]));
    const missing = Object.keys(SENTENCES).filter((code) => !listed.has(code));
    expect(missing, 'codes docs/api.md does not list').to.deep.equal([]);
  });

  it('should choose Chinese when the caller prefers it, English otherwise', () => {
    expect(langOf(undefined)).to.equal('en');
    expect(langOf('zh-CN')).to.equal('zh-CN');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).to.equal('zh-CN');
    expect(langOf('zh')).to.equal('zh-CN');
    expect(langOf('en-US,en;q=0.9,zh-CN;q=0.8')).to.equal('en');
    expect(langOf('fr;q=0.5, zh-Hans;q=0.7')).to.equal('zh-CN');
    expect(langOf('*')).to.equal('en');
    expect(langOf('zh;q=0')).to.equal('en');
  });
});
