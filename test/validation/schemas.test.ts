import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { compileSchema, loadSchema } from '../../src/validation/validator.ts';
import { completionForm } from '../fixtures/completion-acceptance.ts';
import { permitForm } from '../fixtures/construction-permit.ts';

// The shared examples, copied once into the fixtures.
const permitExample = permitForm;
const completionExample = completionForm;

function errorsOf(result: { ok: true } | { ok: false; errors: { pointer: string; detail: string }[] }) {
  return result.ok ? [] : result.errors;
}

describe('validation/schemas', () => {
  it('should all be draft 2020-12 with an $id, a title and a description', () => {
    const names = readdirSync(new URL('../../schemas/', import.meta.url))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
    expect(names).to.include.members([
      'project',
      'unit',
      'construction-permit.form',
      'completion-acceptance.form',
      'application-create',
      'application-patch',
      'event',
      'event-content',
    ]);
    for (const name of names) {
      const schema = loadSchema(name) as Record<string, unknown>;
      expect(schema.$schema, name).to.equal('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id, name).to.equal(`https://zerotrip.example/schemas/${name}.json`);
      expect(schema.title, name).to.be.a('string');
      expect(schema.description, name).to.be.a('string');
    }
  });

  it('should validate their own examples', () => {
    for (const name of ['project', 'construction-permit.form', 'completion-acceptance.form']) {
      const schema = loadSchema(name) as { examples?: unknown[] };
      const validate = compileSchema(schema);
      for (const example of schema.examples ?? [])
        expect(errorsOf(validate(example)), name).to.deep.equal([]);
    }
  });

  describe('project', () => {
    const project = compileSchema(loadSchema('project'), { pointerPrefix: '/project' });

    it('should accept a name alone', () => {
      expect(project({ name: 'Plant II' }).ok).to.equal(true);
    });

    it('should reject a blank name, a malformed code and region code', () => {
      const result = project({ name: '   ', code: '2026-360202-48-01-01234', regionCode: '3602' });
      expect(errorsOf(result).map((e) => e.pointer)).to.deep.equal([
        '/project/code',
        '/project/name',
        '/project/regionCode',
      ]);
    });

    it('should accept a code with a letter as check character', () => {
      expect(project({ name: 'P', code: '2026-360202-48-01-01234X' }).ok).to.equal(true);
    });
  });

  describe('construction-permit.form', () => {
    const form = compileSchema(loadSchema('construction-permit.form'), { pointerPrefix: '/form' });

    it('should accept the example form', () => {
      expect(errorsOf(form(permitExample))).to.deep.equal([]);
    });

    it('should accept a form with the fewest facts', () => {
      const minimal = {
        landParcel: 'GX-2026-017',
        floorAreaM2: 800,
        useCategory: 'residential',
        constructionUnit: { uscc: '91310115591693856A', name: 'Changjiang Construction Engineering Co.' },
      };
      expect(errorsOf(form(minimal))).to.deep.equal([]);
    });

    it('should accept a unit whose USCC check character fails', () => {
      const result = form({ ...permitExample, designUnit: { uscc: '91350100M0001TGQXM', name: 'D' } });
      expect(errorsOf(result)).to.deep.equal([]);
    });

    it('should reject duplicate pledges and a zero storey count', () => {
      const result = form({ ...permitExample, pledges: ['a', 'a'], storeys: 0 });
      expect(errorsOf(result).map((e) => e.pointer)).to.deep.equal(['/form/storeys', '/form/pledges']);
    });
  });

  describe('completion-acceptance.form', () => {
    const form = compileSchema(loadSchema('completion-acceptance.form'), { pointerPrefix: '/form' });

    it('should accept the example form', () => {
      expect(errorsOf(form(completionExample))).to.deep.equal([]);
    });

    it('should check the date and share the unit and use category rules', () => {
      const result = form({
        ...completionExample,
        completedOn: '2026-02-30',
        useCategory: 'farm',
        constructionUnit: { uscc: '91310115591693856A' },
      });
      expect(errorsOf(result).map((e) => e.pointer)).to.deep.equal([
        '/form/completedOn',
        '/form/useCategory',
        '/form/constructionUnit/name',
      ]);
      expect(errorsOf(result)[0]!.detail).to.equal('must be a date in the form YYYY-MM-DD');
    });
  });

  describe('application-create', () => {
    const create = compileSchema(loadSchema('application-create'));

    it('should accept an incomplete draft', () => {
      const body = { workflow: 'construction-permit', project: {}, form: { floorAreaM2: -1 } };
      expect(errorsOf(create(body))).to.deep.equal([]);
      expect(errorsOf(create({ workflow: 'construction-permit', project: { name: 'P' } }))).to.deep.equal([]);
    });

    it('should check the envelope', () => {
      const result = create({ workflow: '', applicant: 'ABC', form: [], extra: 1 });
      expect(errorsOf(result).map((e) => e.pointer)).to.have.members([
        '/project',
        '/extra',
        '/workflow',
        '/applicant',
        '/form',
      ]);
    });
  });

  describe('application-patch', () => {
    const patch = compileSchema(loadSchema('application-patch'));

    it('should accept project and form merge patches only', () => {
      expect(errorsOf(patch({ project: { location: null }, form: { storeys: 5 } }))).to.deep.equal([]);
      expect(errorsOf(patch({}))).to.deep.equal([]);
      expect(errorsOf(patch({ project: null, workflow: 'x' })).map((e) => e.pointer)).to.have.members([
        '/workflow',
        '/project',
      ]);
    });
  });

  describe('event', () => {
    const event = compileSchema(loadSchema('event'));

    it('should accept a well-formed event', () => {
      const body = { type: 'EXTEND', department: 'window', comment: 'Site visit', data: { workingDays: 10 } };
      expect(errorsOf(event(body))).to.deep.equal([]);
    });

    it('should reject a malformed type, an overlong comment and unknown fields', () => {
      const result = event({ type: 'approve', comment: 'x'.repeat(4001), data: 'yes', by: 'me' });
      expect(errorsOf(result).map((e) => e.pointer)).to.have.members(['/by', '/type', '/comment', '/data']);
      expect(errorsOf(event({})).map((e) => e.pointer)).to.deep.equal(['/type']);
    });
  });
});
