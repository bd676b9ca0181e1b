import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { projectTargets, projectTypes, targetFor } from '../../src/projects/index.ts';

const form = JSON.parse(
  readFileSync(new URL('../../schemas/land-planning.form.json', import.meta.url), 'utf8'),
);

describe('projects/targets', () => {
  it('should give every type the national 120 working days of 国办发〔2019〕11号 by default', () => {
    for (const type of [...projectTypes(), null, 'unknown']) {
      expect(targetFor(type)).to.include({ profile: 'national', total: 120 });
    }
    expect(targetFor('industrial').source).to.match(/国办发〔2019〕11号/);
  });

  it('should apply the profile in force: 浙江 splits 60 + 30, 上海 sets a target per type', () => {
    const targets = projectTargets();
    expect(targetFor('housing', { ...targets, inForce: 'zhejiang' })).to.include({
      total: 90,
      preConstruction: 60,
      completion: 30,
    });
    const shanghai = { ...targets, inForce: 'shanghai' };
    expect(targetFor('industrial', shanghai).total).to.equal(15);
    expect(targetFor('small', shanghai).total).to.equal(35);
    expect(targetFor('housing', shanghai).total).to.equal(48);
    expect(() => targetFor('housing', { ...targets, inForce: 'nowhere' })).to.throw(/nowhere/);
  });

  it('should offer on the stage 1 form exactly the project types the configuration knows', () => {
    expect(form.properties.projectType.enum).to.deep.equal(projectTypes());
  });
});
