import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { createRegistry } from '../../workflows/index.ts';
import { machineFixturePath } from '../support/machine-fixtures.ts';
import { workflowStructure } from '../support/machine-structure.ts';

/*
 * Cases are stored as snapshots of a workflow version's machine. The fixtures record each version's structure
 * as the code that first ran it built it; today's build must match them exactly, or stored cases would not
 * restore and continue the same way.
 */
describe('workflow machine structure', () => {
  const registry = createRegistry(referenceCalendar());

  for (const def of registry.all()) {
    it(`should build ${def.id}@${def.version} exactly as recorded`, () => {
      const recorded: unknown = JSON.parse(readFileSync(machineFixturePath(def.id, def.version), 'utf8'));
      expect(workflowStructure(def)).to.deep.equal(recorded);
    });
  }

  it('should still register every recorded workflow version', () => {
    const recorded = readdirSync(new URL('.', machineFixturePath('any', 1)))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort();
    expect(
      registry
        .all()
        .map((def) => `${def.id}@${def.version}`)
        .sort(),
    ).to.deep.equal(recorded);
  });
});
