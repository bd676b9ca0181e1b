import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Checklist } from '../../src/checklist/index.ts';
import { openFacts, thresholdsOf } from '../../src/guide/index.ts';
import type { MaterialCatalog } from '../../src/materials/index.ts';

const seed = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../db/seeds/${file}`, import.meta.url), 'utf8'));
const checklist: Checklist = {
  ...seed('checklist.json'),
  version: 1,
  publishedAt: '2026-01-01T00:00:00.000Z',
};
const catalog: MaterialCatalog = {
  ...seed('materials.json')['completion-acceptance'],
  workflow: 'completion-acceptance',
  version: 1,
  publishedAt: '2026-01-01T00:00:00.000Z',
};

describe('guide/open-facts', () => {
  it('should read the thresholds the checklist and the catalog compare form fields against', () => {
    const thresholds = thresholdsOf(checklist, catalog);
    // `undergroundAreaM2 gt 0` (civil-defence acceptance) and `exclusiveMinimum: 0` (civil-defence papers).
    expect(thresholds.get('undergroundAreaM2')).to.deep.equal([0, 0]);
    expect(thresholds.has('floorAreaM2')).to.equal(false);
  });

  it('should try every answer of a choice, both of a yes/no, and numbers around the thresholds within the schema', () => {
    const facts = openFacts(
      'completion-acceptance.form',
      { floorAreaM2: 100 },
      thresholdsOf(checklist, catalog),
    );
    const values = Object.fromEntries(facts.map((f) => [f.field, f.values]));
    expect(values).not.to.have.property('floorAreaM2');
    // useCategory is a $ref to the construction permit's enum.
    expect(values.useCategory).to.deep.equal([
      'residential',
      'commercial',
      'industrial',
      'public',
      'infrastructure',
      'mixed',
    ]);
    expect(values.specialFireWorks).to.deep.equal([true, false]);
    // minimum 0: never below it, the threshold 0 and its neighbour above, 1 and a large area.
    expect(values.undergroundAreaM2).to.deep.equal([0, 0.01, 1, 1_000_000]);
    // Free text is tried as given or not, with the schema's example.
    expect(values.qualityReportRef).to.deep.equal(['QS-2026-0931']);
    // A unit ($ref to an object without an example) cannot be varied.
    expect(values).not.to.have.property('constructionUnit');
  });
});
