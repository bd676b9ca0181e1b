import { expect } from 'chai';
import { compileSchema, loadSchema, usccWarnings } from '../../src/validation/validator.ts';

const SCHEMA_BASE = 'https://zerotrip.example/schemas/';

/** A submitted application as the engine checks it: project and form in full, from the body root. */
const submission = compileSchema({
  type: 'object',
  properties: {
    project: { $ref: `${SCHEMA_BASE}project.json` },
    form: { $ref: `${SCHEMA_BASE}construction-permit.form.json` },
  },
});

const permitForm = compileSchema<Record<string, unknown>>(loadSchema('construction-permit.form'), {
  pointerPrefix: '/form',
});

const minimalForm = {
  landParcel: 'GX-2026-017',
  floorAreaM2: 18500,
  useCategory: 'industrial',
  constructionUnit: { uscc: '91310115591693856A', name: 'Changjiang Construction Engineering Co.' },
};

function pointers(result: { ok: boolean; errors?: { pointer: string }[] }): string[] {
  return (result.errors ?? []).map((e) => e.pointer);
}

describe('validation/validator', () => {
  describe('compileSchema', () => {
    it('should return the value when it is valid', () => {
      const result = permitForm(minimalForm);
      expect(result).to.deep.equal({ ok: true, value: minimalForm });
    });

    it('should report a missing required property at its own pointer', () => {
      const result = submission({ project: { code: '2026-360202-48-01-012345' }, form: minimalForm });
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.errors).to.have.length(1);
      expect(result.errors[0]!.pointer).to.equal('/project/name');
      expect(result.errors[0]!.detail).to.match(/^is required/);
    });

    it('should prefix pointers with pointerPrefix', () => {
      const project = compileSchema(loadSchema('project'), { pointerPrefix: '/project' });
      expect(pointers(project({}) as never)).to.deep.equal(['/project/name']);
      expect(pointers(project('not an object') as never)).to.deep.equal(['/project']);
    });

    it('should say what is wrong with a negative floor area', () => {
      const result = permitForm({ ...minimalForm, floorAreaM2: -5 });
      expect(result).to.deep.equal({
        ok: false,
        errors: [
          {
            pointer: '/form/floorAreaM2',
            code: 'not-above',
            params: { min: 0, integer: false },
            detail: 'must be a number greater than 0',
          },
        ],
      });
    });

    it('should report a malformed unit USCC at its pointer', () => {
      const result = permitForm({
        ...minimalForm,
        constructionUnit: { uscc: '9131011566600721', name: 'X' },
      });
      expect(pointers(result as never)).to.deep.equal(['/form/constructionUnit/uscc']);
      expect(
        submission({
          project: { name: 'P' },
          form: { ...minimalForm, designUnit: { uscc: 'O1', name: 'D' } },
        }),
      ).to.have.nested.property('errors[0].pointer', '/form/designUnit/uscc');
    });

    it('should report an unknown field at the pointer of that field', () => {
      const result = permitForm({ ...minimalForm, floorArea: 18500 });
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.errors).to.deep.equal([
        {
          pointer: '/form/floorArea',
          code: 'unknown-field',
          detail: 'is not a known field; remove it or check its spelling',
        },
      ]);
    });

    it('should list the allowed values of an enum', () => {
      const result = permitForm({ ...minimalForm, environmentalCategory: 'report' });
      expect(result).to.have.nested.property(
        'errors[0].detail',
        'must be one of: none, registration, report-table, report-book',
      );
    });

    it('should report every problem at once', () => {
      const result = permitForm({ floorAreaM2: 0, useCategory: 'farm', storeys: 2.5, extra: true });
      expect(pointers(result as never)).to.have.members([
        '/form/landParcel',
        '/form/constructionUnit',
        '/form/extra',
        '/form/floorAreaM2',
        '/form/storeys',
        '/form/useCategory',
      ]);
    });

    it('should allow cents but not fractions of a cent in the contract price', () => {
      for (const price of [0.07, 86000000, 1234567.89, 98765432109.99]) {
        expect(permitForm({ ...minimalForm, contractPriceYuan: price }).ok, String(price)).to.equal(true);
      }
      expect(permitForm({ ...minimalForm, contractPriceYuan: 1.005 })).to.deep.equal({
        ok: false,
        errors: [
          {
            pointer: '/form/contractPriceYuan',
            code: 'too-many-decimals',
            params: { places: 2 },
            detail: 'must have at most 2 decimal places',
          },
        ],
      });
    });

    it('should escape pointer segments', () => {
      const result = compileSchema({ type: 'object', required: ['a/b~c'] })({});
      expect(pointers(result as never)).to.deep.equal(['/a~1b~0c']);
    });
  });

  describe('loadSchema', () => {
    it('should return the same frozen object every time', () => {
      const schema = loadSchema('project');
      expect(loadSchema('project')).to.equal(schema);
      expect(Object.isFrozen(schema)).to.equal(true);
    });

    it('should throw for an unknown schema', () => {
      expect(() => loadSchema('no-such-schema')).to.throw(/no-such-schema/);
    });
  });

  describe('usccWarnings', () => {
    it('should warn about a check-failing code at any depth and under applicant', () => {
      const body = {
        applicant: '91350100M0001TGQXM',
        project: { name: 'P' },
        form: {
          constructionUnit: { uscc: '91350100M0001TGQXM', name: 'C' },
          others: [{ uscc: '91350100M0001TGQXM' }],
        },
      };
      const detail = 'check character does not compute (expected 1); accepted, please verify';
      const warning = { code: 'uscc-check-digit', params: { expected: '1' }, detail };
      expect(usccWarnings(body)).to.deep.equal([
        { pointer: '/applicant', ...warning },
        { pointer: '/form/constructionUnit/uscc', ...warning },
        { pointer: '/form/others/0/uscc', ...warning },
      ]);
    });

    it('should ignore valid codes, malformed codes and other fields', () => {
      const form = {
        designUnit: { uscc: '91310110666007217T', name: 'D' },
        constructionUnit: { uscc: '91310115591693856A', name: 'C' },
        broken: { uscc: 'not a code' },
        landCertificate: '91350100M0001TGQXM',
      };
      expect(usccWarnings({ applicant: '91310110666007217T', form })).to.deep.equal([]);
      expect(usccWarnings(null)).to.deep.equal([]);
    });

    it('should prefix pointers with pointerPrefix', () => {
      const form = { constructionUnit: { uscc: '91350100M0001TGQXM', name: 'C' } };
      expect(usccWarnings(form, '/form')).to.have.nested.property(
        '[0].pointer',
        '/form/constructionUnit/uscc',
      );
    });
  });
});
