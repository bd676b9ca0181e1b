import { expect } from 'chai';
import {
  checkImportGraph,
  describeReport,
  importGraph,
  layerOf,
  LAYERS,
  type ImportGraph,
} from '../../src/cli/import-graph.ts';

const graphOf = (edges: Record<string, string[]>): ImportGraph =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

const layerNamed = (name: string) => LAYERS.findIndex((layer) => layer.name === name);

describe('architecture/import-graph', function () {
  this.timeout(60_000);

  it('should find no cycle, no upward import and no module outside the layers in the server', async () => {
    const graph = await importGraph();
    expect(graph.size).to.be.greaterThan(100);
    expect(describeReport(checkImportGraph(graph))).to.deep.equal([]);
  });

  it('should see type-only imports, which esbuild erases', async () => {
    const graph = await importGraph();
    // outbox.ts imports the Database type only.
    expect([...graph.get('src/engine/outbox.ts')!]).to.include('src/db/index.ts');
  });

  it('should place a module by its longest matching prefix', () => {
    expect(layerOf('src/errors/index.ts')).to.equal(layerNamed('vocabulary'));
    expect(layerOf('src/engine/records.ts')).to.be.lessThan(layerOf('src/engine/engine.ts'));
    expect(layerOf('src/http/errors.ts')).to.be.greaterThan(layerOf('src/engine/engine.ts'));
    expect(layerOf('src/console/main.ts')).to.equal(-1);
  });

  it('should report a cycle, also inside one folder', () => {
    const report = checkImportGraph(
      graphOf({
        'src/metrics/reports.ts': ['src/metrics/monthly-bulletin.ts'],
        'src/metrics/monthly-bulletin.ts': ['src/metrics/reports.ts'],
        'src/metrics/csv.ts': [],
      }),
    );
    expect(report.cycles).to.deep.equal([['src/metrics/monthly-bulletin.ts', 'src/metrics/reports.ts']]);
    expect(report.upward).to.deep.equal([]);
  });

  it('should report an import from a higher layer, and none from a lower one', () => {
    const report = checkImportGraph(
      graphOf({
        'src/engine/content.ts': ['src/http/problem.ts', 'src/errors/index.ts'],
        'src/http/problem.ts': ['src/errors/index.ts'],
        'src/errors/index.ts': [],
      }),
    );
    expect(report.upward).to.deep.equal([
      { from: 'src/engine/content.ts', to: 'src/http/problem.ts', fromLayer: 'engine', toLayer: 'http' },
    ]);
    expect(report.cycles).to.deep.equal([]);
  });

  it('should report a module that no layer claims', () => {
    const report = checkImportGraph(graphOf({ 'src/newfolder/thing.ts': [] }));
    expect(report.unlayered).to.deep.equal(['src/newfolder/thing.ts']);
    expect(describeReport(report)).to.have.length(1);
  });
});
